package common

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
)

func TestVeilPutsTheSecretInOnlyAtTheEnd(t *testing.T) {
	const plain = "3c7778f3-1169-4a4f-87fd-341bc5ea51f4"
	v := &Veil{}
	s := client.NewSecret([]byte(plain))
	mark := v.Show(s)
	if len(mark) != len(plain) || strings.Contains(mark, plain) || !v.Showing() {
		t.Fatalf("stand-in %q", mark)
	}
	frame := v.Unveil("│ " + mark + " │")
	if frame != "│ "+plain+" │" {
		t.Fatalf("frame %q", frame)
	}
	if v.Unveil("no secret here") != "no secret here" {
		t.Error("a frame without the stand-in changed")
	}
	if strings.Contains(frame, plain) {
		t.Error("the last frame still holds the secret once another was drawn")
	}
	frame = v.Unveil(mark)
	v.Hide(mark)
	if strings.Contains(frame, plain) || v.Showing() {
		t.Error("hiding the secret left it in the last frame")
	}
	var none *Veil
	if none.Show(s) != plain || none.Unveil("x") != "x" {
		t.Error("without a Veil the secret is drawn as it is")
	}
}
