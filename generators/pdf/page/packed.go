package page

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unsafe"
)

// Packed is pages in a compact binary form, for documents that wait to be
// drawn together: a laid-out page holds its items as values behind
// interfaces, some 150 bytes a text run, and a packet of a hundred
// manufacturers lays out thousands of pages before the first is drawn.
// Packed, a run takes about a fifth of that. Unpack gives back exactly the
// pages packed (every number to the bit), so what is drawn from them is the
// same.
//
// The data is a string, so that the texts Unpack gives back share it
// rather than each being copied out.
type Packed struct {
	data  string
	pages int
}

// Len is the number of pages.
func (p Packed) Len() int { return p.pages }

// Size is the number of bytes the pages take packed.
func (p Packed) Size() int { return len(p.data) }

// item tags
const (
	tagText byte = iota + 1
	tagRule
	tagBox
	tagGroup
	tagLink
	tagDest
	tagBookmark
)

// text flags
const (
	textSameY = 1 << iota
	textSpacing
	textItalic
	textActual
)

// style is what text runs on a page mostly share: font, size, extent and
// colour, by the bits of each number so that packing is exact.
type style struct {
	font                           Font
	size, ascent, descent, r, g, b uint64
}

type packer struct {
	buf    []byte
	styles map[style]uint64
	colors map[[3]uint64]uint64
	lastY  uint64
	haveY  bool
}

// Pack packs pages. It fails only on an item of a kind it does not know
// (a pointer to an item, say), which drawing would not know either.
func Pack(pages []*Page) (Packed, error) {
	p := &packer{styles: map[style]uint64{}, colors: map[[3]uint64]uint64{}}
	p.buf = make([]byte, 0, packedSize(pages))
	for _, pg := range pages {
		p.float(pg.Width)
		p.float(pg.Height)
		if err := p.items(pg.Items); err != nil {
			return Packed{}, err
		}
	}
	// The buffer is the packed pages' own from here on, never written
	// again: it becomes their string without a copy.
	return Packed{data: unsafe.String(unsafe.SliceData(p.buf), len(p.buf)), pages: len(pages)}, nil
}

// packedSize is about what pages take packed: a text run its text and some
// thirty bytes (a position, a style, its width), any other item some fifty.
func packedSize(pages []*Page) int {
	var items func([]Item) int
	items = func(its []Item) int {
		n := 0
		for _, it := range its {
			switch it := it.(type) {
			case Text:
				n += 32 + len(it.Text)
			case Group:
				n += 32 + items(it.Items)
			default:
				n += 48
			}
		}
		return n
	}
	n := 0
	for _, pg := range pages {
		n += 16 + items(pg.Items)
	}
	return n
}

func (p *packer) uint(v uint64) { p.buf = binary.AppendUvarint(p.buf, v) }
func (p *packer) float(v float64) {
	p.buf = binary.LittleEndian.AppendUint64(p.buf, math.Float64bits(v))
}
func (p *packer) str(s string) {
	p.uint(uint64(len(s)))
	p.buf = append(p.buf, s...)
}

// color writes a colour as its number in the table of colours seen,
// followed by the colour itself the first time.
func (p *packer) color(c Color) {
	key := [3]uint64{math.Float64bits(c.R), math.Float64bits(c.G), math.Float64bits(c.B)}
	if n, ok := p.colors[key]; ok {
		p.uint(n)
		return
	}
	n := uint64(len(p.colors))
	p.colors[key] = n
	p.uint(n)
	p.float(c.R)
	p.float(c.G)
	p.float(c.B)
}

// dash writes a dash pattern, keeping nil apart from empty.
func (p *packer) dash(d []float64) {
	if d == nil {
		p.uint(0)
		return
	}
	p.uint(uint64(len(d)) + 1)
	for _, v := range d {
		p.float(v)
	}
}

func (p *packer) items(items []Item) error {
	p.uint(uint64(len(items)))
	for _, it := range items {
		switch it := it.(type) {
		case Text:
			p.text(it)
		case Rule:
			p.buf = append(p.buf, tagRule)
			for _, v := range []float64{it.X1, it.Y1, it.X2, it.Y2, it.Width} {
				p.float(v)
			}
			p.color(it.Color)
			p.dash(it.Dash)
		case Box:
			p.buf = append(p.buf, tagBox)
			for _, v := range []float64{it.X, it.Y, it.W, it.H, it.Stroke} {
				p.float(v)
			}
			if it.Fill == nil {
				p.buf = append(p.buf, 0)
			} else {
				p.buf = append(p.buf, 1)
				p.color(*it.Fill)
			}
			p.color(it.StrokeColor)
			p.dash(it.Dash)
		case Group:
			p.buf = append(p.buf, tagGroup)
			p.float(it.Rotate)
			p.float(it.X)
			p.float(it.Y)
			if err := p.items(it.Items); err != nil {
				return err
			}
		case Link:
			p.buf = append(p.buf, tagLink)
			for _, v := range []float64{it.X, it.Y, it.W, it.H} {
				p.float(v)
			}
			p.str(it.URL)
			p.str(it.Dest)
		case Dest:
			p.buf = append(p.buf, tagDest)
			p.str(it.ID)
			p.float(it.Y)
		case Bookmark:
			p.buf = append(p.buf, tagBookmark)
			p.str(it.Title)
			p.uint(uint64(int64(it.Level)))
			p.float(it.Y)
		default:
			return fmt.Errorf("page: cannot pack an item of type %T", it)
		}
	}
	return nil
}

// text writes a run: its flags, its style by number (followed by the
// style the first time), its position and width, and the baseline only
// when it is not the previous run's.
func (p *packer) text(t Text) {
	var flags byte
	y := math.Float64bits(t.Y)
	if p.haveY && y == p.lastY {
		flags |= textSameY
	}
	if t.Spacing != 0 || math.Signbit(t.Spacing) {
		flags |= textSpacing
	}
	if t.Italic {
		flags |= textItalic
	}
	if t.Actual != "" {
		flags |= textActual
	}
	p.buf = append(p.buf, tagText, flags)
	st := style{t.Font, math.Float64bits(t.Size), math.Float64bits(t.Ascent), math.Float64bits(t.Descent),
		math.Float64bits(t.Color.R), math.Float64bits(t.Color.G), math.Float64bits(t.Color.B)}
	if n, ok := p.styles[st]; ok {
		p.uint(n)
	} else {
		n = uint64(len(p.styles))
		p.styles[st] = n
		p.uint(n)
		p.uint(uint64(int64(t.Font)))
		for _, v := range []float64{t.Size, t.Ascent, t.Descent, t.Color.R, t.Color.G, t.Color.B} {
			p.float(v)
		}
	}
	p.float(t.X)
	if flags&textSameY == 0 {
		p.float(t.Y)
	}
	p.lastY, p.haveY = y, true
	p.float(t.Width)
	if flags&textSpacing != 0 {
		p.float(t.Spacing)
	}
	p.str(t.Text)
	if flags&textActual != 0 {
		p.str(t.Actual)
	}
}

var errCorrupt = errors.New("page: packed pages are damaged")

type unpacker struct {
	data   string
	err    error
	styles []Text
	colors []Color
	lastY  float64
}

// Unpack returns the pages. Colours of boxes' fills may be shared between
// the pages' items: they are for reading.
func (p Packed) Unpack() ([]*Page, error) {
	u := &unpacker{data: p.data}
	pages := make([]*Page, 0, p.pages)
	for range p.pages {
		pg := &Page{Width: u.float(), Height: u.float()}
		pg.Items = u.items(0)
		if u.err != nil {
			return nil, u.err
		}
		pages = append(pages, pg)
	}
	if len(u.data) != 0 {
		return nil, errCorrupt
	}
	return pages, nil
}

func (u *unpacker) fail() {
	if u.err == nil {
		u.err = errCorrupt
	}
	u.data = ""
}

func (u *unpacker) byte() byte {
	if len(u.data) < 1 {
		u.fail()
		return 0
	}
	b := u.data[0]
	u.data = u.data[1:]
	return b
}

// uint reads what binary.AppendUvarint wrote.
func (u *unpacker) uint() uint64 {
	var v uint64
	for i := 0; i < len(u.data) && i < binary.MaxVarintLen64; i++ {
		c := u.data[i]
		if i == binary.MaxVarintLen64-1 && c > 1 {
			break // overflows 64 bits
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			u.data = u.data[i+1:]
			return v
		}
	}
	u.fail()
	return 0
}

func (u *unpacker) float() float64 {
	if len(u.data) < 8 {
		u.fail()
		return 0
	}
	var bits uint64
	for i := 7; i >= 0; i-- {
		bits = bits<<8 | uint64(u.data[i])
	}
	u.data = u.data[8:]
	v := math.Float64frombits(bits)
	return v
}

func (u *unpacker) str() string {
	n := u.uint()
	if n > uint64(len(u.data)) {
		u.fail()
		return ""
	}
	s := u.data[:n]
	u.data = u.data[n:]
	return s
}

func (u *unpacker) color() Color {
	n := u.uint()
	switch {
	case n < uint64(len(u.colors)):
		return u.colors[n]
	case n == uint64(len(u.colors)):
		c := Color{u.float(), u.float(), u.float()}
		u.colors = append(u.colors, c)
		return c
	}
	u.fail()
	return Color{}
}

func (u *unpacker) dash() []float64 {
	n := u.uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(u.data))/8 {
		u.fail()
		return nil
	}
	d := make([]float64, n-1)
	for i := range d {
		d[i] = u.float()
	}
	return d
}

// maxDepth bounds the nesting of groups, so that damaged data cannot
// recurse without end.
const maxDepth = 64

func (u *unpacker) items(depth int) []Item {
	n := u.uint()
	// Every item takes at least two bytes.
	if depth > maxDepth || n > uint64(len(u.data))/2 {
		u.fail()
		return nil
	}
	if n == 0 {
		return nil
	}
	items := make([]Item, 0, n)
	for range n {
		if u.err != nil {
			return nil
		}
		switch u.byte() {
		case tagText:
			items = append(items, u.text())
		case tagRule:
			r := Rule{X1: u.float(), Y1: u.float(), X2: u.float(), Y2: u.float(), Width: u.float()}
			r.Color = u.color()
			r.Dash = u.dash()
			items = append(items, r)
		case tagBox:
			b := Box{X: u.float(), Y: u.float(), W: u.float(), H: u.float(), Stroke: u.float()}
			if u.byte() == 1 {
				c := u.color()
				b.Fill = &c
			}
			b.StrokeColor = u.color()
			b.Dash = u.dash()
			items = append(items, b)
		case tagGroup:
			g := Group{Rotate: u.float(), X: u.float(), Y: u.float()}
			g.Items = u.items(depth + 1)
			items = append(items, g)
		case tagLink:
			items = append(items, Link{X: u.float(), Y: u.float(), W: u.float(), H: u.float(), URL: u.str(), Dest: u.str()})
		case tagDest:
			items = append(items, Dest{ID: u.str(), Y: u.float()})
		case tagBookmark:
			items = append(items, Bookmark{Title: u.str(), Level: int(int64(u.uint())), Y: u.float()})
		default:
			u.fail()
		}
	}
	return items
}

func (u *unpacker) text() Text {
	flags := u.byte()
	var t Text
	n := u.uint()
	switch {
	case n < uint64(len(u.styles)):
		t = u.styles[n]
	case n == uint64(len(u.styles)):
		t.Font = Font(int64(u.uint()))
		t.Size, t.Ascent, t.Descent = u.float(), u.float(), u.float()
		t.Color = Color{u.float(), u.float(), u.float()}
		u.styles = append(u.styles, t)
	default:
		u.fail()
		return Text{}
	}
	t.X = u.float()
	if flags&textSameY == 0 {
		u.lastY = u.float()
	}
	t.Y = u.lastY
	t.Width = u.float()
	if flags&textSpacing != 0 {
		t.Spacing = u.float()
	}
	t.Italic = flags&textItalic != 0
	t.Text = u.str()
	if flags&textActual != 0 {
		t.Actual = u.str()
	}
	return t
}
