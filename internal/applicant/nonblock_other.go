//go:build !unix

package applicant

const nonblock = 0
