package finding

import (
	"encoding/json"
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
