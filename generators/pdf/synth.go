package pdf

import (
	"encoding/binary"
	"math"
)

// The CJK fonts lack the ballot boxes forms use (☐ ☑ ☒). Rather than print a
// placeholder, pilotpack draws them as real glyphs in the document's font
// subset: they scale, print sharply, and copy out of the PDF as the right
// characters. Coordinates are in a 1000-unit em, full width like a Chinese
// character, the box sitting where the ideographs do.

const synthAdvance = 1000

// synthesized lists the runes pilotpack can draw itself.
var synthesized = map[rune]bool{'☐': true, '☑': true, '☒': true}

type point struct{ x, y float64 }

// synthGlyph returns the glyf data of r, with strokes as heavy as the
// face's weight asks, scaled to the face's units per em.
func synthGlyph(r rune, bold bool, scale float64) []byte {
	stroke := 55.0
	if bold {
		stroke = 85
	}
	x0, y0, x1, y1 := 130.0, -40.0, 870.0, 700.0
	contours := [][]point{
		{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}}, // outer, clockwise
		{{x0 + stroke, y0 + stroke}, {x1 - stroke, y0 + stroke}, {x1 - stroke, y1 - stroke}, {x0 + stroke, y1 - stroke}}, // inner, counter-clockwise
	}
	switch r {
	case '☑':
		contours = append(contours, strokePath([]point{{270, 350}, {440, 160}, {760, 590}}, stroke*1.1))
	case '☒':
		contours = append(contours,
			strokePath([]point{{260, 90}, {740, 570}}, stroke),
			strokePath([]point{{260, 570}, {740, 90}}, stroke))
	}
	for _, c := range contours {
		for i := range c {
			c[i].x *= scale
			c[i].y *= scale
		}
	}
	return encodeGlyph(contours)
}

// strokePath outlines a polyline of the given width as one clockwise
// contour, with mitred joins.
func strokePath(pts []point, width float64) []point {
	h := width / 2
	normal := func(a, b point) point {
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		return point{-dy / l * h, dx / l * h}
	}
	var left, right []point
	for i, p := range pts {
		var n point
		switch {
		case i == 0:
			n = normal(pts[0], pts[1])
		case i == len(pts)-1:
			n = normal(pts[i-1], pts[i])
		default:
			n1, n2 := normal(pts[i-1], p), normal(p, pts[i+1])
			m := point{n1.x + n2.x, n1.y + n2.y}
			// Scale the bisector so the stroke keeps its width at the join.
			dot := (m.x*n1.x + m.y*n1.y) / (h * h)
			n = point{m.x / dot, m.y / dot}
		}
		left = append(left, point{p.x + n.x, p.y + n.y})
		right = append(right, point{p.x - n.x, p.y - n.y})
	}
	var c []point
	c = append(c, left...)
	for i := len(right) - 1; i >= 0; i-- {
		c = append(c, right[i])
	}
	if area(c) > 0 { // counter-clockwise in a y-up system: reverse
		for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
			c[i], c[j] = c[j], c[i]
		}
	}
	return c
}

func area(c []point) float64 {
	a := 0.0
	for i := range c {
		p, q := c[i], c[(i+1)%len(c)]
		a += p.x*q.y - q.x*p.y
	}
	return a / 2
}

// encodeGlyph writes a simple TrueType glyph of straight on-curve contours.
func encodeGlyph(contours [][]point) []byte {
	var xs, ys []int
	var ends []int
	for _, c := range contours {
		for _, p := range c {
			xs = append(xs, int(math.Round(p.x)))
			ys = append(ys, int(math.Round(p.y)))
		}
		ends = append(ends, len(xs)-1)
	}
	minX, minY, maxX, maxY := xs[0], ys[0], xs[0], ys[0]
	for i := range xs {
		minX, maxX = min(minX, xs[i]), max(maxX, xs[i])
		minY, maxY = min(minY, ys[i]), max(maxY, ys[i])
	}
	var b []byte
	i16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(int16(v))) }
	i16(len(contours))
	i16(minX)
	i16(minY)
	i16(maxX)
	i16(maxY)
	for _, e := range ends {
		i16(e)
	}
	i16(0) // no instructions
	for range xs {
		b = append(b, 0x01) // on curve; x and y as signed 16-bit deltas
	}
	px, py := 0, 0
	for _, x := range xs {
		i16(x - px)
		px = x
	}
	for _, y := range ys {
		i16(y - py)
		py = y
	}
	for len(b)%2 != 0 {
		b = append(b, 0)
	}
	return b
}
