package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// object is one indirect object of a PDF fpdf wrote: its dictionary (or
// other value) as text, and its stream's bytes, if it has one.
type object struct {
	dict   []byte
	stream []byte
}

// parseObjects reads back the objects of a PDF fpdf wrote. fpdf writes one
// classic cross-reference table and every object as "N 0 obj\n…\nendobj",
// with a stream's length given directly in its dictionary, so the table
// and those lengths are all that is needed; this is not a reader for PDFs
// from elsewhere (pdfcpu reads those).
func parseObjects(pdf []byte) (map[int]object, error) {
	i := bytes.LastIndex(pdf, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	var xref int
	if _, err := fmt.Sscan(string(pdf[i+len("startxref"):]), &xref); err != nil || xref <= 0 || xref >= len(pdf) {
		return nil, errors.New("bad startxref")
	}
	var first, count int
	rest := pdf[xref:]
	if _, err := fmt.Sscanf(string(firstLines(rest, 2)), "xref\n%d %d\n", &first, &count); err != nil || first != 0 {
		return nil, fmt.Errorf("bad cross-reference table: %v", err)
	}
	table := rest[bytes.IndexByte(rest[5:], '\n')+6:]
	objs := make(map[int]object, count)
	for n := 1; n < count; n++ {
		entry := table[n*20 : n*20+20]
		if entry[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(entry[:10]))
		if err != nil || off >= len(pdf) {
			return nil, fmt.Errorf("object %d: bad offset", n)
		}
		o, err := readObject(pdf[off:], n)
		if err != nil {
			return nil, err
		}
		objs[n] = o
	}
	return objs, nil
}

func firstLines(b []byte, n int) []byte {
	end := 0
	for range n {
		i := bytes.IndexByte(b[end:], '\n')
		if i < 0 {
			return b
		}
		end += i + 1
	}
	return b[:end]
}

func readObject(b []byte, n int) (object, error) {
	head := fmt.Sprintf("%d 0 obj\n", n)
	if !bytes.HasPrefix(b, []byte(head)) {
		return object{}, fmt.Errorf("object %d: not where the table says", n)
	}
	b = b[len(head):]
	if s := bytes.Index(b, []byte("\nstream\n")); s >= 0 && s < bytes.Index(b, []byte("endobj")) {
		dict := b[:s]
		m := reLength.FindSubmatch(dict)
		if m == nil {
			return object{}, fmt.Errorf("object %d: stream without a direct /Length", n)
		}
		length, _ := strconv.Atoi(string(m[1]))
		start := s + len("\nstream\n")
		if start+length > len(b) || !bytes.HasPrefix(b[start+length:], []byte("\nendstream")) {
			return object{}, fmt.Errorf("object %d: stream length does not match", n)
		}
		return object{dict: dict, stream: b[start : start+length]}, nil
	}
	end := bytes.Index(b, []byte("\nendobj"))
	if end < 0 {
		return object{}, fmt.Errorf("object %d: no endobj", n)
	}
	return object{dict: b[:end]}, nil
}

// renumber rewrites every indirect reference "N 0 R" in a dictionary's text
// with to(N), leaving strings alone: a link's URL may hold anything.
func renumber(dict []byte, to func(int) string) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(dict); i++ {
		switch c := dict[i]; {
		case c == '(':
			i = skipString(dict, i)
		case c == '<' && i+1 < len(dict) && dict[i+1] == '<':
			i++ // a dictionary opens
		case c == '<':
			if j := bytes.IndexByte(dict[i:], '>'); j >= 0 {
				i += j // a hex string
			}
		case c >= '0' && c <= '9' && (i == 0 || !isRegular(dict[i-1])):
			j := i
			for j < len(dict) && dict[j] >= '0' && dict[j] <= '9' {
				j++
			}
			if bytes.HasPrefix(dict[j:], []byte(" 0 R")) && (j+4 == len(dict) || !isRegular(dict[j+4])) {
				num, _ := strconv.Atoi(string(dict[i:j]))
				out = append(out, dict[last:i]...)
				out = append(out, to(num)...)
				last = j + 4
			}
			i = j - 1
		}
	}
	if out == nil {
		return dict
	}
	return append(out, dict[last:]...)
}

// skipString returns the index of the parenthesis closing the literal string
// opening at i, minding escapes and nested parentheses.
func skipString(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return i
}

// isRegular says whether c belongs to a name or number token, so that
// "/F12 0 R"-like text inside a name is not taken for a reference.
func isRegular(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}
