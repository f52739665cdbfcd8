package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzRecordJSON: any JSON as a record file. A record that resumes holds
// no control character and survives a save and a second resume unchanged.
func FuzzRecordJSON(f *testing.F) {
	for _, s := range []*Session{richSession(RoleDoctor), richSession(RoleTrainer), richSession(RolePatient)} {
		data, _ := json.Marshal(s.Record(StatusInProgress, "abc", items, t0))
		f.Add(data)
	}
	f.Add([]byte(`{"schema":1,"code":"ACD349","status":"in-progress","language":"vi","mode":"patient","questions":[{"text":"\u001b]2;X\u0007"}]}`))
	f.Add([]byte(`{"schema":1,"code":"ACD349","status":"finished","language":"en","mode":"doctor","sure":[{"answers":["yes"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rec Record
		if json.Unmarshal(data, &rec) != nil {
			return
		}
		s, err := rec.Session()
		if err != nil {
			return
		}
		if s == nil || !ValidCode(s.Code) {
			t.Fatalf("a resumed record must have a valid code: %+v", s)
		}
		eachString(reflect.ValueOf(rec), func(text string) {
			if strings.IndexFunc(text, unicode.IsControl) >= 0 {
				t.Fatalf("a record with control character text %q resumed", text)
			}
		})
		again := s.Record(rec.Status, rec.ContentVersion, itemsOf(rec), rec.Updated)
		s2, err := again.Session()
		if err != nil {
			t.Fatalf("a resumed session saves to a record that does not resume: %v", err)
		}
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("resume, save, resume changed the session:\n%+v\n%+v", s, s2)
		}
	})
}

// eachString calls fn with every string inside v.
func eachString(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		fn(v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachString(v.Index(i), fn)
		}
	}
}

func itemsOf(r Record) []string {
	var out []string
	for _, it := range r.Checklist {
		out = append(out, it.Item)
	}
	return out
}

// FuzzNewCode: any random bytes give a valid code or an error.
func FuzzNewCode(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5})
	f.Add([]byte{255, 250, 249, 24, 0, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, src []byte) {
		code, err := NewCode(bytes.NewReader(src))
		if err == nil && !ValidCode(code) {
			t.Fatalf("NewCode(%v) = %q, not a valid code", src, code)
		}
	})
}

// FuzzValidCode: a valid code is always safe as a file name.
func FuzzValidCode(f *testing.F) {
	f.Add("ACD349")
	f.Add("../../x")
	f.Add("acd349")
	f.Fuzz(func(t *testing.T, s string) {
		if ValidCode(s) && (len(s) != CodeLength || strings.ContainsAny(s, "./\\\x00 ") || strings.ToUpper(s) != s) {
			t.Fatalf("ValidCode accepts %q", s)
		}
	})
}

// FuzzParseGroups: the --group parser never panics and keeps only known groups.
func FuzzParseGroups(f *testing.F) {
	f.Add("joint,lung")
	f.Add(" ,joint,,JOINT ")
	f.Fuzz(func(t *testing.T, s string) {
		groups, err := ParseGroups(s, Groups)
		if err != nil {
			return
		}
		for _, g := range groups {
			if !slices.Contains(Groups, g) {
				t.Fatalf("ParseGroups(%q) gave unknown group %q", s, g)
			}
		}
	})
}
