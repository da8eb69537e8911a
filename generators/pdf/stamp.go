package pdf

import (
	"strconv"

	"pilotpack/generators/pdf/page"
	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

// The combined file numbers every page across the packet, attachments
// included ("申报资料第 n 页 共 N 页"), centred in the band below the page
// footer that pilotpack's documents leave free and scans seldom print in.
// On a page from elsewhere the number goes in the same place of the page as
// it is shown: its crop box, turned as the page is turned.

// stampSize is the type size of the packet page number.
var stampSize = ps.Running.Size

// stampFont is the resource name of the stamp's font on pages from
// elsewhere, chosen not to clash with theirs.
const stampFont = "PilotpackStamp"

// stamper prints packet page numbers in the combined file's serif subset.
type stamper struct {
	labels document.Labels
	glyphs *glyphs
	face   *Face
	total  int
}

func newStamper(l lang.Lang, g *glyphs, face *Face, total int) *stamper {
	return &stamper{labels: document.LabelsFor(l), glyphs: g, face: face, total: total}
}

// stampRunes are the characters of the packet page numbers.
func stampRunes(l lang.Lang) []rune {
	return []rune(document.LabelsFor(l).Packet(1234567890, 1234567890))
}

// text is page i's (from 0) stamp and its width.
func (s *stamper) text(i int) (string, float64) {
	t := s.labels.Packet(i+1, s.total)
	w := 0.0
	for _, r := range t {
		w += float64(s.face.Width(r)) * stampSize / 1000
	}
	return t, w
}

// ours is the content stream of the stamp on page i of ours.
func (s *stamper) ours(i int) []byte {
	t, w := s.text(i)
	run := page.Text{X: pageW/2 - w/2, Y: pageH - ps.StampBaseline, Font: fSerif, Size: stampSize, Color: page.Gray(0.2), Text: t}
	return textOps(nil, run, s.glyphs, pageH)
}

// foreign is the content stream of the stamp on page i, a page from
// elsewhere shown through box (llx, lly, urx, ury) turned by rotate
// degrees clockwise, with the stamp's font under the name stampFont. It
// restores the graphics state the page's own content may have left.
func (s *stamper) foreign(i int, box [4]float64, rotate int) []byte {
	t, w := s.text(i)
	llx, lly, urx, ury := box[0], box[1], box[2], box[3]
	bw, bh := urx-llx, ury-lly
	sb := ps.StampBaseline
	// The text matrix: the direction the text runs and its up, in the
	// page's own space, and where the baseline starts.
	var m [6]float64
	switch ((rotate % 360) + 360) % 360 {
	case 90: // shown turned clockwise: its right edge is the bottom
		m = [6]float64{0, 1, -1, 0, urx - sb, lly + bh/2 - w/2}
	case 180:
		m = [6]float64{-1, 0, 0, -1, llx + bw/2 + w/2, ury - sb}
	case 270:
		m = [6]float64{0, -1, 1, 0, llx + sb, lly + bh/2 + w/2}
	default:
		m = [6]float64{1, 0, 0, 1, llx + bw/2 - w/2, lly + sb}
	}
	b := []byte("Q q 0.2 g BT /" + stampFont + " " + strconv.FormatFloat(stampSize, 'f', -1, 64) + " Tf ")
	for _, v := range m {
		b = strconv.AppendFloat(b, v, 'f', 2, 64)
		b = append(b, ' ')
	}
	b = append(b, "Tm "...)
	b = s.glyphs.encode(b, t)
	return append(b, " Tj ET Q\n"...)
}
