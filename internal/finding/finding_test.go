package finding

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFormatAndSort(t *testing.T) {
	l := List{
		{Rule: "b", Severity: Warning, File: "a.yaml", Line: 9, Column: 3, Path: "x", Message: Text{Zh: "乙", En: "second"}},
		{Rule: "a", Severity: Error, File: "a.yaml", Line: 2, Column: 7, Path: "y.z", Message: Text{Zh: "甲", En: "first"}},
		{Rule: "c", Severity: Info, File: "a.yaml", Message: Text{En: "whole file"}},
	}
	l.Sort()
	if l[0].Rule != "c" || l[1].Rule != "a" {
		t.Fatalf("sorted %v", l)
	}
	if got := l[1].Format("en"); got != "a.yaml:2:7: error [a] y.z: first" {
		t.Errorf("Format en = %q", got)
	}
	if got := l[2].Format("zh"); got != "a.yaml:9:3: 警告 [b] x: 乙" {
		t.Errorf("Format zh = %q", got)
	}
	if got := l[0].Format("zh"); got != "a.yaml: 提示 [c] whole file" {
		t.Errorf("a message without Chinese falls back to English: %q", got)
	}
	if l.Count(Error) != 1 || !l.HasErrors() || len(l.Rules()) != 3 {
		t.Error("Count/HasErrors/Rules")
	}
	b, _ := json.Marshal(l[1])
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil || back != l[1] {
		t.Errorf("JSON round trip: %s %v", b, err)
	}
	if b, _ := json.Marshal(List(nil)); string(b) != "[]" {
		t.Errorf("nil list marshals as %s", b)
	}
}

// TestWorkbookPosition checks that a finding about a workbook prints its
// sheet and cell, and that findings sort by sheet before row, so a second
// sheet's early rows come after the first sheet's later ones.
func TestWorkbookPosition(t *testing.T) {
	l := List{
		{Rule: "b", File: "a.xlsx", Sheet: 7, Line: 3, Column: 4, Cell: "受托生产企业!D3", Path: "manufacturers[0].credit_code", Message: Text{En: "later sheet"}},
		{Rule: "a", File: "a.xlsx", Sheet: 2, Line: 9, Column: 3, Cell: "申请人!C9", Path: "applicant.credit_code", Message: Text{En: "earlier sheet"}},
	}
	l.Sort()
	if l[0].Rule != "a" {
		t.Errorf("sorted by row before sheet: %v", l)
	}
	if got := l[1].Format("en"); got != "a.xlsx:受托生产企业!D3: error [b] manufacturers[0].credit_code: later sheet" {
		t.Errorf("Format = %q", got)
	}
	b, _ := json.Marshal(l[0])
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil || back != l[0] {
		t.Errorf("JSON round trip: %s %v", b, err)
	}
	if b, _ := json.Marshal(List{{File: "a.yaml", Line: 1}}); strings.Contains(string(b), "cell") || strings.Contains(string(b), "sheet") {
		t.Errorf("a text file's finding carries workbook fields: %s", b)
	}
}
