package horusectest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault makes matching requests misbehave. A request matches when Method
// is "" or equal to its method, and its path starts with PathPrefix. The
// first matching fault still in force applies; it lasts Times requests (0:
// until ClearFaults).
//
// Effects, in order: wait Latency (then answer normally unless another
// effect is set); Drop the connection without an answer; answer Malformed
// JSON (with Status, default 200); answer Status with Body (default: the
// platform's envelope, with the generic text for a 5xx).
type Fault struct {
	Method     string
	PathPrefix string
	Latency    time.Duration
	Status     int
	Body       string
	Malformed  bool
	Drop       bool
	Times      int

	used int
}

// InjectFault adds a fault; faults are tried in the order they were added.
func (s *Server) InjectFault(f Fault) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	f.used = 0
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.faults = nil
}

// takeFault finds and consumes the fault for r. s.fmu must be held.
func (s *Server) takeFault(r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.Method != "" && f.Method != r.Method {
			continue
		}
		if !strings.HasPrefix(r.URL.Path, f.PathPrefix) {
			continue
		}
		f.used++
		if f.Times > 0 && f.used >= f.Times {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		c := *f
		return &c
	}
	return nil
}

// applyFault performs f and reports whether the request was answered.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) bool {
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		case <-s.closing:
			t.Stop()
			return true
		}
	}
	switch {
	case f.Drop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler) // no hijacking: abort the response instead
	case f.Malformed:
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"code":` + strconv.Itoa(status) + `,"status":"` + http.StatusText(status) + `","content":{"workspaceID":`))
		return true
	case f.Status != 0:
		if f.Body != "" {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.WriteHeader(f.Status)
			_, _ = w.Write([]byte(f.Body))
			return true
		}
		msg := http.StatusText(f.Status)
		writeError(w, f.Status, msg)
		return true
	}
	return false
}
