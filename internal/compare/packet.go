package compare

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"pilotpack/generators/docx"
	"pilotpack/internal/applicant"
	"pilotpack/internal/lang"
	"pilotpack/internal/pack"
	"pilotpack/internal/packet"
)

// A packet is compared through its own DOCX files, which are the
// project's own and read back into their document models exactly
// (docx.Read): no applicant file, pack render or PDF text is needed, so two
// packets sent by e-mail compare as they are. What makes that safe is
// checked first: the manifest names the pack the packet was built from,
// which must be at hand (to pair its documents by document and
// manufacturer id), and every DOCX must still have the checksum the
// manifest records — one edited in a word processor is no longer the
// document as built and is refused. The applicant file is compared field
// by field when it lies beside the packet (or in it) with the checksum the
// manifest records.

// PacketError says why a packet cannot be compared, in both languages.
type PacketError struct {
	Packet string
	Msg    lang.Text
	// Lang is the packet's language, when its manifest could be read.
	Lang lang.Lang
}

func (e *PacketError) Error() string { return e.In(lang.En) }

// In words the error in l (lang.Worded).
func (e *PacketError) In(l lang.Lang) string {
	return e.Packet + map[lang.Lang]string{lang.Zh: "：", lang.En: ": "}[l] + e.Msg.In(l)
}

// maxDOCX bounds a document read from a packet: pilotpack's agreements are
// a few hundred kilobytes; a larger file is not one of them.
const maxDOCX = 32 << 20

// FromPacket reads the documents of a packet folder or zip. packs are the
// packs it may have been built from, besides the default pack.
func FromPacket(path string, packs []*pack.Pack) (*Side, error) {
	var packetLang lang.Lang
	fail := func(t lang.Text, args ...any) error {
		return &PacketError{Packet: path, Msg: lang.T(lang.Sprintf(lang.Zh, t, args...), lang.Sprintf(lang.En, t, args...)), Lang: packetLang}
	}
	fsys, closer, err := packet.Open(path)
	var nf *packet.NotFoundError
	switch {
	case errors.As(err, &nf):
		return nil, fail(msgNoPacket)
	case err != nil:
		// The packet's reasons, without its name again.
		return nil, fail(msgNotPacket, strings.TrimPrefix(err.Error(), path+": "))
	}
	defer closer.Close()
	if st, err := fs.Stat(fsys, packet.ManifestName); err != nil || st.Size() > maxManifest {
		return nil, fail(msgNoManifest, packet.ManifestName)
	}
	m, err := packet.ReadManifest(fsys)
	if err != nil {
		return nil, fail(msgBadManifest, err)
	}
	packetLang = m.Lang
	p, err := packOf(m, packs)
	if err != nil {
		return nil, fail(msgPackNotAtHand, m.Pack.ID, m.Pack.Version, m.Pack.Digest)
	}
	s := &Side{Source: path, Kind: "packet", Pack: m.Pack, Lang: m.Lang, Date: m.Date}
	for _, f := range m.Files {
		if f.Kind != "document" || !strings.HasSuffix(f.Path, ".docx") {
			continue
		}
		id, mfr, ok := documentOf(p, f.Path)
		if !ok {
			return nil, fail(msgNotOfPack, f.Path, p.ID)
		}
		data, err := readDOCX(fsys, f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fail(msgMissing, f.Path, path)
		case errors.Is(err, errTooLarge):
			return nil, fail(msgTooLarge, f.Path, maxDOCX>>20)
		case err != nil:
			// In a folder, say what is there instead: a link, a FIFO.
			if st, lerr := os.Lstat(filepath.Join(path, filepath.FromSlash(f.Path))); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
				return nil, fail(msgLink, f.Path, path)
			} else if lerr == nil && !st.Mode().IsRegular() {
				return nil, fail(msgNotRegular, f.Path, path)
			}
			return nil, fail(msgUnreadable, f.Path, cause(err), path)
		}
		if packet.SHA256(data) != f.SHA256 {
			return nil, fail(msgChanged, f.Path)
		}
		model, err := docx.Read(data)
		var fe *docx.ForeignError
		if errors.As(err, &fe) {
			// As built (its checksum is the manifest's), by a pilotpack
			// that writes otherwise.
			return nil, fail(msgForeign, f.Path, fe.What, m.Version)
		} else if err != nil {
			return nil, fail(msgForeign, f.Path, err, m.Version)
		}
		s.Documents = append(s.Documents, Doc{ID: id, Manufacturer: mfr, Title: f.Title, File: f.Path, Model: model})
	}
	if len(s.Documents) == 0 {
		return nil, fail(msgNoDocuments)
	}
	s.Applicant, s.NoData = inputOf(path, fsys, m)
	return s, nil
}

// maxManifest bounds a packet's manifest: it lists a few dozen files.
const maxManifest = 16 << 20

var errTooLarge = errors.New("too large")

// readDOCX reads a document of a packet, no larger than maxDOCX whatever it
// says.
func readDOCX(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxDOCX {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDOCX+1))
	if err == nil && len(data) > maxDOCX {
		err = errTooLarge
	}
	return data, err
}

var (
	msgNoPacket      = lang.T("不存在；请给出资料包文件夹或其 zip", "does not exist; give a packet folder or its zip")
	msgNotPacket     = lang.T("无法作为资料包读取：%s", "cannot be read as a packet: %s")
	msgNoManifest    = lang.T("没有 %s（或其过大）：不是 pilotpack 生成的资料包；请给出 pilotpack build 生成的文件夹或 zip", "has no %s (or one too large): it is not a packet pilotpack built; give a folder or zip that pilotpack build wrote")
	msgBadManifest   = lang.T("%v；请用 pilotpack build 重新生成资料包", "%v; build the packet again with pilotpack build")
	msgPackNotAtHand = lang.T("由模板包 %s %s（摘要 %.12s…）生成，它既不是默认模板包，也未给出：请用 --pack（或 --pack-old、--pack-new）给出", "built from the pack %s %s (digest %.12s…), which is neither the default pack nor one given: give it with --pack (or --pack-old, --pack-new)")
	msgNotOfPack     = lang.T("%s 不是模板包 %s 的文件；资料包是否由其他模板包生成？", "%s is not a document of the pack %s; was the packet built from another pack?")
	msgMissing       = lang.T("缺少 %s；请用 pilotpack verify %s 检查资料包", "%s is missing; check the packet with: pilotpack verify %s")
	msgTooLarge      = lang.T("%s 超过 %d MB，不是 pilotpack 所写的文件", "%s is larger than %d MB: not a document pilotpack wrote")
	msgLink          = lang.T("%s 是符号链接，不是生成时的文件；请用 pilotpack verify %s 检查资料包", "%s is a symbolic link, not the file as built; check the packet with: pilotpack verify %s")
	msgNotRegular    = lang.T("%s 不是普通文件（而是 FIFO、设备或文件夹）；请用 pilotpack verify %s 检查资料包", "%s is not a regular file (a FIFO, a device or a folder); check the packet with: pilotpack verify %s")
	msgUnreadable    = lang.T("%s 无法读取（%v）；请用 pilotpack verify %s 检查资料包", "%s cannot be read (%v); check the packet with: pilotpack verify %s")
	msgChanged       = lang.T("%s 在生成后被改动过（校验和与 manifest 记录的不同）：compare 只读取生成时的文件；改过的 DOCX 请在文字处理软件中比较，或重新生成资料包", "%s was changed after the build (its checksum is not the manifest's): compare reads documents as built; compare an edited DOCX in a word processor, or rebuild the packet")
	msgForeign       = lang.T("%s 与当前版本的 pilotpack 所写不同（%s）；资料包由 pilotpack %s 生成：请用当前版本重新生成资料包后再比较", "%s is not as this version of pilotpack writes it (%s); the packet was built by pilotpack %s: build it again with this version to compare it")
	msgNoDocuments   = lang.T("manifest 未列出可比较的 DOCX 文件", "the manifest lists no DOCX documents to compare")
)

// packOf finds the pack a packet was built from among packs and the
// default pack, by its id, version and digest.
func packOf(m *packet.Manifest, packs []*pack.Pack) (*pack.Pack, error) {
	if def, err := pack.Open(""); err == nil {
		packs = append(packs, def)
	}
	for _, p := range packs {
		if p != nil && sameRecord(packet.Record(p), m.Pack) {
			return p, nil
		}
	}
	return nil, errors.New("pack not at hand")
}

func sameRecord(a, b packet.PackRecord) bool {
	if a.ID != b.ID || a.Version != b.Version || a.Digest != b.Digest || (a.Extends == nil) != (b.Extends == nil) {
		return false
	}
	return a.Extends == nil || sameRecord(*a.Extends, *b.Extends)
}

var numbered = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+-(.*)\.docx$`) })

// documentOf names the pack document and manufacturer of a packet's file,
// 02-quality-agreement-lanhu-suzhou.docx: the document whose file stem
// opens the name, the longest if several do.
func documentOf(p *pack.Pack, name string) (id, mfr string, ok bool) {
	m := numbered().FindStringSubmatch(name)
	if m == nil || strings.ContainsAny(name, `/\`) {
		return "", "", false
	}
	stem, best := m[1], -1
	for _, d := range p.Documents {
		switch {
		case !d.PerManufacturer && stem == d.File:
		case d.PerManufacturer && strings.HasPrefix(stem, d.File+"-"):
		default:
			continue
		}
		if len(d.File) > best {
			best, id, mfr = len(d.File), d.ID, ""
			if d.PerManufacturer {
				mfr = stem[len(d.File)+1:]
			}
		}
	}
	return id, mfr, best >= 0
}

// inputOf loads the applicant file a packet was built from when it lies in
// the packet or beside it with the checksum the manifest records; else it
// says why not.
func inputOf(path string, fsys fs.FS, m *packet.Manifest) (*applicant.Applicant, lang.Text) {
	name := m.Input.File
	if name == "" || name != filepath.Base(name) {
		return nil, msgNoInputNamed
	}
	var data []byte
	where := filepath.Join(filepath.Dir(filepath.Clean(path)), name)
	if d, err := fs.ReadFile(fsys, name); err == nil {
		data, where = d, filepath.Join(path, name)
	} else if d, err := readBeside(where); err == nil {
		data = d
	} else if errors.Is(err, fs.ErrNotExist) {
		return nil, lang.T(lang.Sprintf(lang.Zh, msgNotBeside, name), lang.Sprintf(lang.En, msgNotBeside, name))
	} else {
		return nil, lang.T(lang.Sprintf(lang.Zh, msgBesideBad, where, err), lang.Sprintf(lang.En, msgBesideBad, where, err))
	}
	if packet.SHA256(data) != m.Input.SHA256 {
		return nil, lang.T(lang.Sprintf(lang.Zh, msgNotInput, where), lang.Sprintf(lang.En, msgNotInput, where))
	}
	a, _, err := applicant.Parse(where, data)
	if err != nil {
		return nil, lang.T(lang.Sprintf(lang.Zh, msgInputBad, where, err), lang.Sprintf(lang.En, msgInputBad, where, err))
	}
	return a, lang.Text{}
}

// readBeside reads the applicant file beside a packet: a regular file no
// larger than an applicant file may be. A FIFO or a device is not read
// (reading it could wait for ever).
func readBeside(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case st.Size() > applicant.Limits.MaxBytes:
		return nil, errTooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, applicant.Limits.MaxBytes+1))
}

var (
	msgNoInputNamed = lang.T("其 manifest 未记录申请文件", "its manifest names no applicant file")
	msgNotBeside    = lang.T("资料包旁没有其申请文件 %s", "its applicant file %s is not beside it")
	msgBesideBad    = lang.T("资料包旁的 %s 无法读取（%v）", "%s beside it cannot be read (%v)")
	msgNotInput     = lang.T("%s 不是生成资料包所用的文件（校验和与 manifest 记录的不同）", "%s is not the file the packet was built from (its checksum is not the manifest's)")
	msgInputBad     = lang.T("%s 无法读取：%v", "%s cannot be read: %v")
)
