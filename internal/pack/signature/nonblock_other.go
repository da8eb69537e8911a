//go:build !unix

package signature

const nonblock = 0
