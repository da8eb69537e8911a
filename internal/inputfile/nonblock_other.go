//go:build !unix

package inputfile

// NonBlock is nothing where named pipes do not block an open.
const NonBlock = 0
