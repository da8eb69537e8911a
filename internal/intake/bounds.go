package intake

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"pilotpack/internal/lang"
	"strings"

	"pilotpack/internal/datafile"
)

// Limits bound what a workbook may make the reader do, beyond the file
// size and the number of values the applicant loader already bounds. A
// real intake workbook is a few hundred kilobytes unzipped, with a few
// hundred filled cells.
type Limits struct {
	// MaxEntries bounds the files in the workbook's zip archive.
	MaxEntries int
	// MaxUnzipped bounds the archive's size unzipped, counted as it is
	// unzipped rather than trusted from its headers.
	MaxUnzipped int64
	// MaxRatio bounds how much an entry larger than a megabyte may have
	// been compressed: a zip bomb compresses a thousand to one.
	MaxRatio int64
	// MaxSheets, MaxRows and MaxCols bound the sheets, and the rows and
	// columns read from each.
	MaxSheets, MaxRows, MaxCols int
	// MaxCellChars bounds one cell's text; spreadsheet programs hold at
	// most 32,767 characters in a cell.
	MaxCellChars int
}

// DefaultLimits are the limits Parse applies.
var DefaultLimits = Limits{MaxEntries: 1000, MaxUnzipped: 64 << 20, MaxRatio: 100, MaxSheets: 64, MaxRows: 10_000, MaxCols: 500, MaxCellChars: 32_767}

// zipInfo is what inspect learnt from the archive.
type zipInfo struct {
	// formulas maps a sheet's name to its cells that hold a formula, and
	// the formula.
	formulas map[string]map[string]string
	// merged names the sheets with merged cells.
	merged map[string]bool
}

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// An encrypted workbook is an OLE file with an EncryptionInfo stream,
	// its name in UTF-16.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// inspect checks the workbook's archive before excelize opens it: that it
// is a zip and not a password-protected or old binary workbook, and that
// unzipping it stays within the limits; it also finds the cells that hold
// formulas.
func inspect(name string, data []byte, lim Limits) (*zipInfo, error) {
	fail := func(t lang.Text, args ...any) error {
		return datafile.Errorf(name, datafile.Pos{}, t, args...)
	}
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, encryptionInfo) {
			return nil, fail(msgEncrypted)
		}
		return nil, fail(msgXLS)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, fail(msgNotZip)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fail(msgDamaged, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fail(msgEntries, len(zr.File), lim.MaxEntries)
	}
	parts := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fail(msgDamagedIn, f.Name, err)
		}
		var buf bytes.Buffer
		keep := keepPart(f.Name)
		var w io.Writer = io.Discard
		if keep {
			w = &buf
		}
		n, err := io.Copy(w, io.LimitReader(rc, lim.MaxUnzipped-total+1))
		rc.Close()
		if err != nil {
			return nil, fail(msgDamagedIn, f.Name, err)
		}
		total += n
		if total > lim.MaxUnzipped {
			return nil, fail(msgUnzipped, lim.MaxUnzipped>>10)
		}
		if n > 1<<20 && n > lim.MaxRatio*int64(max(f.CompressedSize64, 1)) {
			return nil, fail(msgRatio, f.Name, lim.MaxRatio)
		}
		if keep {
			parts[f.Name] = buf.Bytes()
		}
	}
	info := &zipInfo{formulas: map[string]map[string]string{}, merged: map[string]bool{}}
	sheets := sheetParts(parts)
	for sheet, part := range sheets {
		if sheet == listsSheet {
			// The dropdowns' own sheet, with its formulas, is not read.
			continue
		}
		if cells := formulaCells(parts[part]); len(cells) > 0 {
			info.formulas[sheet] = cells
		}
		info.merged[sheet] = bytes.Contains(parts[part], []byte("mergeCell"))
	}
	return info, nil
}

// keepPart reports whether inspect keeps a part to read: the workbook,
// its relationships and the worksheets.
func keepPart(name string) bool {
	return name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" ||
		(strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml"))
}

// sheetParts maps each sheet's name to the part holding it.
func sheetParts(parts map[string][]byte) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(parts["xl/workbook.xml"], &wb) != nil || xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels) != nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := target[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out
}

// formulaCells returns the cells of a worksheet that hold a formula, with
// the formula's text ("" for a cell sharing another's formula).
func formulaCells(sheet []byte) map[string]string {
	if !bytes.Contains(sheet, []byte("<f>")) && !bytes.Contains(sheet, []byte("<f ")) && !bytes.Contains(sheet, []byte(":f>")) && !bytes.Contains(sheet, []byte(":f ")) {
		return nil
	}
	out := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(sheet))
	cell := ""
	for {
		tok, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				// excelize reports a broken sheet when it reads it.
				return out
			}
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				cell = ""
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						cell = a.Value
					}
				}
			case "f":
				var text string
				if err := d.DecodeElement(&text, &t); err == nil && cell != "" {
					out[cell] = text
				}
			}
		}
	}
}
