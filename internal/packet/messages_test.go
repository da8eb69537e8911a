package packet

import (
	"testing"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

// TestErrorWording: the errors a build stops with read in both languages,
// the English as it always was.
func TestErrorWording(t *testing.T) {
	errs := func(n int) finding.List {
		var l finding.List
		for range n {
			l = append(l, finding.Finding{Severity: finding.Error})
		}
		return append(l, finding.Finding{Severity: finding.Warning})
	}
	for _, tc := range []struct {
		err    error
		zh, en string
	}{
		{&DataError{Findings: errs(1)}, "有 1 条错误级别的检查结果；请修改申请文件，或加 --draft 生成带水印的草稿",
			"1 finding with error severity; fix the applicant file, or build a watermarked draft with --draft"},
		{&DataError{Findings: errs(3)}, "有 3 条错误级别的检查结果；请修改申请文件，或加 --draft 生成带水印的草稿",
			"3 findings with error severity; fix the applicant file, or build a watermarked draft with --draft"},
		{&DataError{Findings: errs(2), Bounds: true}, "有 2 条错误级别的检查结果：文件内容超出一份申请所能容纳的上限（limit.*）；请先改正，超限的文件不生成任何资料包，草稿也不生成",
			"2 findings with error severity: the file holds more than an application can (limit.*); fix it first, as no packet, not even a draft, is built from it"},
		{&ExistsError{Dir: "out/p"}, "out/p 已存在；如要替换，请加 --force", "out/p already exists; add --force to replace it"},
		{&ExistsError{Dir: "out/p.zip", Folder: true}, "out/p.zip 是文件夹，而 zip 文件要写在这里；请删除或重命名该文件夹，或去掉 --zip",
			"out/p.zip is a folder, where the zip would go; remove or rename it, or build without --zip"},
		{&NotFoundError{Path: "nowhere"}, "nowhere 不存在；请给出资料包文件夹或其 .zip 文件", "nowhere does not exist; give a packet folder or its zip"},
		{lang.Errorf(msgNoLang, "bureau", lang.En, langList([]lang.Lang{lang.Zh})), "模板包 bureau 没有 en 模板；请改用 --lang zh", "the pack bureau has no en templates; use --lang zh"},
		{lang.Errorf(msgNoLang, "bureau", lang.Zh, langList([]lang.Lang{lang.Zh, lang.En})), "模板包 bureau 没有 zh 模板；请改用 --lang zh 或 en", "the pack bureau has no zh templates; use --lang zh or en"},
	} {
		if got := lang.Message(tc.err, lang.Zh); got != tc.zh {
			t.Errorf("zh: %s\nwant %s", got, tc.zh)
		}
		if got := tc.err.Error(); got != tc.en {
			t.Errorf("en: %s\nwant %s", got, tc.en)
		}
	}
}

// TestZipBoundsWording: what a zip's directory gives away is worded in both
// languages, with its numbers in their places.
func TestZipBoundsWording(t *testing.T) {
	got := lang.Format(msgZipBomb, "a.pdf", 8<<20, 8192, 1024)
	if got.Zh != "a.pdf：由 8192 字节解压为 8388608 字节，是压缩后的 1024 倍：这是压缩炸弹，不是资料包" ||
		got.En != "a.pdf: unpacks to 8388608 bytes from 8192, 1024 times its size: a zip bomb, not a packet" {
		t.Errorf("%+v", got)
	}
	if got := largeNote(1); got != lang.T("1 个大于 16 MB 的文件只核对了大小和校验和（PDF 另核对首尾字节），未逐一打开", "1 file larger than 16 MB was checked by size and checksum (a PDF also by its first and last bytes), not opened") {
		t.Errorf("%+v", got)
	}
	if got := largeNote(2).En; got != "2 files larger than 16 MB were checked by size and checksum (a PDF also by its first and last bytes), not opened" {
		t.Errorf("%s", got)
	}
	got = lang.Format(msgTooBig, 20<<20, ManifestName, maxManifest)
	if got.Zh != "有 20971520 字节，超过资料包中 manifest.json 的上限 16777216 字节" || got.En != "20971520 bytes, more than the 16777216 a packet's manifest.json can be" {
		t.Errorf("%+v", got)
	}
}
