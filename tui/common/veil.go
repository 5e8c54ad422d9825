package common

import (
	"bytes"
	"crypto/rand"
	"sync"
	"unsafe"

	"github.com/horusec-tui/horusec-tui/client"
)

// Veil keeps a secret on screen (the one-time token) out of the strings
// that screens, pages and the shell build for every frame. The screen
// draws a stand-in of the secret's width (Show); the shell puts the secret
// in its place as the very last step of a frame (Unveil), into a buffer
// the Veil owns. That buffer is wiped when the next frame is drawn (the
// terminal has it by then) and when the secret is hidden, so no frame
// string the program made still holds the secret afterwards. Bubble Tea's
// renderer keeps its own copy of the frame it last wrote, until the next.
//
// The zero Veil is ready; a nil *Veil leaves the secret in the screen's
// strings (a screen tested alone, with no shell).
type Veil struct {
	mu    sync.Mutex
	shown map[string]*client.Secret // stand-in → secret
	frame []byte                    // the last frame that held a secret
}

// Show registers s and returns the stand-in to draw in its place: as many
// letters and digits as s has bytes, at random.
func (v *Veil) Show(s *client.Secret) string {
	if v == nil {
		return string(s.Bytes())
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	mark := make([]byte, s.Len())
	_, _ = rand.Read(mark)
	for i := range mark {
		mark[i] = alphabet[int(mark[i])%len(alphabet)]
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.shown == nil {
		v.shown = map[string]*client.Secret{}
	}
	v.shown[string(mark)] = s
	return string(mark)
}

// Showing reports whether a secret is on screen.
func (v *Veil) Showing() bool {
	if v == nil {
		return false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.shown) > 0
}

// Hide forgets the stand-in and wipes the last frame that held its secret.
func (v *Veil) Hide(mark string) {
	if v == nil {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.shown, mark)
	v.wipeFrame()
}

func (v *Veil) wipeFrame() {
	clear(v.frame)
	v.frame = nil
}

// Unveil returns frame with every stand-in replaced by its secret. A frame
// without one is returned as it is.
func (v *Veil) Unveil(frame string) string {
	if v == nil {
		return frame
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.wipeFrame()
	if len(v.shown) == 0 {
		return frame
	}
	out := []byte(frame)
	found := false
	for mark, s := range v.shown {
		secret := s.Bytes()
		for i := bytes.Index(out, []byte(mark)); i >= 0 && len(secret) == len(mark); {
			copy(out[i:], secret)
			found = true
			next := bytes.Index(out[i+len(mark):], []byte(mark))
			if next < 0 {
				break
			}
			i += len(mark) + next
		}
	}
	if !found {
		return frame
	}
	v.frame = out
	return unsafe.String(&out[0], len(out))
}
