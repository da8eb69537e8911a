package packet

import (
	"sync/atomic"
	"testing"
)

// TestQueue runs work that adds more work, some of it past the room the
// queue was made with: all of it runs, once, and wait returns.
func TestQueue(t *testing.T) {
	for _, room := range []int{1, 4, 40} {
		var ran atomic.Int32
		q := newQueue(room)
		for range 10 {
			q.add(func() {
				ran.Add(1)
				for range 3 {
					q.add(func() { ran.Add(1) })
				}
			})
		}
		q.wait()
		if n := ran.Load(); n != 40 {
			t.Errorf("room %d: %d pieces of work ran, want 40", room, n)
		}
	}
}
