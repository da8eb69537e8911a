// Package translit writes Chinese in Latin letters (Hanyu Pinyin without tone
// marks) for English documents: a person's name given only in Chinese
// becomes "Chen Liheng (陈立衡)", a licence number 沪20190087 becomes
// "Hu20190087 (沪20190087)". Each character takes its most common reading;
// surnames take their surname reading (曾 Zeng, 单 Shan).
//
// The readings come from github.com/mozillazg/go-pinyin (MIT, data/LICENSE-go-pinyin),
// reduced by gen.go to one toneless syllable per character and embedded as
// a table that is indexed in place, so nothing is built at start-up.
package translit

import (
	_ "embed"
	"encoding/binary"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/pinyin.bin
var table []byte

//go:embed data/syllables.txt
var syllableList string

const denseLo, denseHi = 0x3400, 0x9FFF

var syllables = sync.OnceValue(func() []string {
	return append([]string{""}, strings.Split(strings.TrimSpace(syllableList), "\n")...)
})

// Syllable returns the toneless reading of a Han character, or "" when r
// is not one the table knows.
func Syllable(r rune) string {
	var i uint16
	const dense = (denseHi - denseLo + 1) * 2
	switch {
	case r >= denseLo && r <= denseHi:
		o := int(r-denseLo) * 2
		i = binary.LittleEndian.Uint16(table[o:])
	default:
		sparse := table[dense:]
		n := len(sparse) / 6
		k := sort.Search(n, func(k int) bool { return rune(binary.LittleEndian.Uint32(sparse[k*6:])) >= r })
		if k < n && rune(binary.LittleEndian.Uint32(sparse[k*6:])) == r {
			i = binary.LittleEndian.Uint16(sparse[k*6+4:])
		}
	}
	return syllables()[i]
}

// HasHan reports whether s contains a Han character.
func HasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Text writes s with every run of Han characters as one capitalised word of
// joined syllables ("上海市" → "Shanghaishi"): without a dictionary of
// words, a run is the only safe unit. Full-width punctuation and digits
// become their ASCII forms; other text is kept. A run directly followed by
// digits stays joined to them, as in a licence number (沪20190087 →
// Hu20190087). Text without Han characters is returned as it is.
func Text(s string) string {
	if !HasHan(s) {
		return s
	}
	var b strings.Builder
	var run []rune
	last := none // what was written last
	space := func() {
		if b.Len() > 0 && last != spaceChar && last != opening {
			b.WriteByte(' ')
		}
	}
	flush := func() {
		if len(run) == 0 {
			return
		}
		if last == latin || last == closing {
			space()
		}
		b.WriteString(capitalise(join(run)))
		run, last = run[:0], han
	}
	for _, r := range s {
		if Syllable(r) != "" {
			if last == han && len(run) == 0 {
				b.WriteByte(' ')
			}
			run = append(run, r)
			continue
		}
		flush()
		r = ascii(r)
		switch {
		case unicode.IsSpace(r):
			b.WriteByte(' ')
			last = spaceChar
			continue
		case r == '(' || r == '[':
			space()
			b.WriteRune(r)
			last = opening
			continue
		case r == ')' || r == ']':
			b.WriteRune(r)
			last = closing
			continue
		case unicode.IsDigit(r):
			if last == closing {
				space()
			}
		case unicode.IsLetter(r):
			if last == han || last == closing {
				space()
			}
		}
		b.WriteRune(r)
		last = latin
	}
	flush()
	return strings.Join(strings.Fields(b.String()), " ")
}

type written int

const (
	none written = iota
	han
	latin
	spaceChar
	opening
	closing
)

// Name writes a person's name given in Chinese as "Surname Given": 陈立衡 →
// "Chen Liheng", 欧阳明远 → "Ouyang Mingyuan". A name that is not all Han
// (already in Latin letters, or mixed) is returned as it is.
func Name(s string) string {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	if len(rs) == 0 {
		return s
	}
	for _, r := range rs {
		if r == '·' || r == '•' || r == '・' {
			// A transcribed foreign name (约翰·史密斯): each part on its own.
			parts := strings.FieldsFunc(s, func(r rune) bool { return r == '·' || r == '•' || r == '・' })
			for i, p := range parts {
				parts[i] = capitalise(join([]rune(p)))
			}
			return strings.Join(parts, " ")
		}
		if Syllable(r) == "" {
			return s
		}
	}
	n := 1
	if len(rs) > 2 && compoundSurnames[string(rs[:2])] {
		n = 2
	}
	sur := make([]string, n)
	for i, r := range rs[:n] {
		if v, ok := surnameReadings[r]; ok {
			sur[i] = v
		} else {
			sur[i] = Syllable(r)
		}
	}
	surname := capitalise(joinSyllables(sur))
	if len(rs) == n {
		return surname
	}
	return surname + " " + capitalise(join(rs[n:]))
}

// Annotate returns s as an English document prints a proper name given only
// in Chinese: the transliteration, then the original in parentheses. Text
// without Han characters is returned unchanged.
func Annotate(s string) string {
	if !HasHan(s) {
		return s
	}
	return Text(s) + " (" + s + ")"
}

// AnnotateName is Annotate for a person's name.
func AnnotateName(s string) string {
	if !HasHan(s) {
		return s
	}
	return Name(s) + " (" + strings.TrimSpace(s) + ")"
}

func join(rs []rune) string {
	ss := make([]string, len(rs))
	for i, r := range rs {
		ss[i] = Syllable(r)
	}
	return joinSyllables(ss)
}

// joinSyllables writes syllables as one word, with the apostrophe Pinyin
// puts before a syllable that starts with a, o or e (Xi'an, Li'ang).
func joinSyllables(ss []string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 && s != "" && strings.ContainsRune("aoe", rune(s[0])) {
			b.WriteByte('\'')
		}
		b.WriteString(s)
	}
	return b.String()
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// ascii maps full-width forms and Chinese punctuation to what an English
// text uses.
func ascii(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	switch r {
	case '（', '〔', '【', '［', '《', '「', '『':
		return map[rune]rune{'（': '(', '〔': '[', '【': '[', '［': '[', '《': '"', '「': '"', '『': '"'}[r]
	case '）', '〕', '】', '］', '》', '」', '』':
		return map[rune]rune{'）': ')', '〕': ']', '】': ']', '］': ']', '》': '"', '」': '"', '』': '"'}[r]
	case '，', '、':
		return ','
	case '。':
		return '.'
	case '：':
		return ':'
	case '；':
		return ';'
	}
	return r
}

// compoundSurnames are the two-character surnames in use.
var compoundSurnames = map[string]bool{
	"欧阳": true, "司马": true, "诸葛": true, "上官": true, "东方": true, "皇甫": true,
	"尉迟": true, "公孙": true, "慕容": true, "令狐": true, "长孙": true, "宇文": true,
	"司徒": true, "夏侯": true, "轩辕": true, "澹台": true, "端木": true, "南宫": true,
	"西门": true, "百里": true, "呼延": true, "万俟": true, "钟离": true, "闻人": true,
}

// surnameReadings are characters read differently as a surname.
var surnameReadings = map[rune]string{
	'曾': "zeng", '单': "shan", '解': "xie", '区': "ou", '仇': "qiu", '朴': "piao",
	'查': "zha", '盖': "ge", '乐': "yue", '尉': "yu", '缪': "miao", '翟': "zhai",
	'覃': "qin", '召': "shao", '黑': "he", '种': "chong", '秘': "bi", '折': "she",
	'繁': "po", '员': "yun", '万': "wan", '宓': "mi", '能': "nai", '长': "chang",
	'重': "chong", '沈': "shen", '柏': "bai", '葛': "ge", '华': "hua", '任': "ren",
	'燕': "yan", '纪': "ji", '薄': "bo", '祭': "zhai", '藏': "zang", '莘': "shen",
	'许': "xu", '許': "xu", '冼': "xian", '过': "guo", '郇': "xun", '句': "gou",
	'阚': "kan", '殷': "yin", '隗': "wei", '卜': "bu", '哈': "ha", '朝': "chao",
}
