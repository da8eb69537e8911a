//go:build !unix

package safefile

import (
	"os"

	"pilotpack/internal/lang"
)

// Without flock there is no way to tell a dead writer's temporary from a
// live one's: temporaries are kept, and Sweep removes none.

func lockPath(path string) (*os.File, error) { return os.Open(path) }

func openPath(path string) (*os.File, error) { return os.Open(path) }

func lockFile(*os.File) error { return nil }

func tryLock(string) (*os.File, error) {
	return nil, lang.Errorf(msgNoLiveness)
}

func syncDir(string) {}
