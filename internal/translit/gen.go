//go:build ignore

// gen writes data/pinyin.bin and data/syllables.txt from the dictionary of
// github.com/mozillazg/go-pinyin (MIT; its pinyin_dict.go, derived from the
// Unihan kMandarin/kHanyuPinyin readings). Only each character's first
// reading is kept, without tone marks. Run it with the path of that file:
//
//	go run gen.go $(go env GOMODCACHE)/github.com/mozillazg/go-pinyin@v0.21.0/pinyin_dict.go
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var line = regexp.MustCompile(`^\s*0x([0-9A-F]+): "([^"]*)",`)

var plain = strings.NewReplacer(
	"ā", "a", "á", "a", "ǎ", "a", "à", "a",
	"ē", "e", "é", "e", "ě", "e", "è", "e", "ê̄", "e", "ế", "e", "ê̌", "e", "ề", "e", "ê", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i",
	"ō", "o", "ó", "o", "ǒ", "o", "ò", "o",
	"ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "ü", "ǘ", "ü", "ǚ", "ü", "ǜ", "ü",
	"ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m", "m̀", "m",
)

func main() {
	f, err := os.Open(os.Args[len(os.Args)-1])
	if err != nil {
		panic(err)
	}
	readings := map[rune]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		cp, _ := strconv.ParseUint(m[1], 16, 32)
		first, _, _ := strings.Cut(m[2], ",")
		readings[rune(cp)] = plain.Replace(first)
	}
	var syl []string
	index := map[string]uint16{}
	for _, s := range readings {
		if _, ok := index[s]; !ok {
			syl = append(syl, s)
			index[s] = 0
		}
	}
	slices.Sort(syl)
	for i, s := range syl {
		index[s] = uint16(i + 1)
	}
	// The dense part: U+3400..U+9FFF, two bytes per code point.
	var out []byte
	for r := rune(denseLo); r <= denseHi; r++ {
		out = binary.LittleEndian.AppendUint16(out, index[readings[r]])
	}
	// Everything else as sorted (code point, syllable) pairs.
	var sparse []rune
	for r := range readings {
		if r < denseLo || r > denseHi {
			sparse = append(sparse, r)
		}
	}
	slices.Sort(sparse)
	for _, r := range sparse {
		out = binary.LittleEndian.AppendUint32(out, uint32(r))
		out = binary.LittleEndian.AppendUint16(out, index[readings[r]])
	}
	must(os.WriteFile("data/pinyin.bin", out, 0o644))
	must(os.WriteFile("data/syllables.txt", []byte(strings.Join(syl, "\n")+"\n"), 0o644))
	fmt.Printf("%d readings, %d syllables, %d sparse, %d bytes\n", len(readings), len(syl), len(sparse), len(out))
}

const denseLo, denseHi = 0x3400, 0x9FFF

func must(err error) {
	if err != nil {
		panic(err)
	}
}
