package emr

import "stemcounsel/model"

// consentResource is FHIR R4's Consent, as the export writes it: the
// patient's permission to keep this session's record, never a consent to
// treatment.
type consentResource struct {
	base
	Extension  []extension  `json:"extension,omitempty"`
	Identifier []identifier `json:"identifier"`
	Status     string       `json:"status"`
	Scope      concept      `json:"scope"`
	Category   []concept    `json:"category"`
	Patient    *reference   `json:"patient"`
	DateTime   string       `json:"dateTime"`
	Performer  []reference  `json:"performer,omitempty"`
	PolicyRule *concept     `json:"policyRule"`
	Provision  *provision   `json:"provision"`
}

type provision struct {
	Type   string  `json:"type"`
	Period *period `json:"period,omitempty"`
}

const (
	idConsent         = "/record-keeping-consent"
	extConsentText    = "/StructureDefinition/consent-text-sha256"
	extConsentMethod  = "/StructureDefinition/consent-method"
	extConsentWhere   = "/StructureDefinition/consent-terminal"
	consentScopes     = "http://terminology.hl7.org/CodeSystem/consentscope"
	loinc             = "http://loinc.org"
	loincConsentForm  = "59284-0" // Patient consent (R4's example category)
	dataProtectionLaw = "Vietnam: Personal Data Protection Law 91/2025/QH15; Decree 356/2025/ND-CP"
)

// consent exports the evidence that the patient let the clinic keep this
// record: when, answered by whom, where, and the hash of the exact text
// shown. A record is only kept after a yes, so an exported one is a
// permit; a record from before the question was asked has none.
func (x *exporter) consent() {
	c := x.rec.Consent
	if c == nil || !c.Given || x.rec.Training {
		return
	}
	id := x.id(idConsent, x.rec.Code)
	performer := *x.patient()
	if c.AnsweredBy == model.ByDoctor && x.opt.Clinician != "" {
		performer = *x.ref("practitioner") // the doctor entered the patient's answer
	}
	x.add("consent", "Consent", consentResource{
		base: x.base("Consent"),
		Extension: []extension{
			{URL: x.opt.Base + extConsentText, ValueString: c.TextSHA256},
			{URL: x.opt.Base + extConsentMethod, ValueString: c.Method},
			{URL: x.opt.Base + extConsentWhere, ValueString: c.Terminal},
		},
		Identifier: []identifier{id},
		Status:     "active",
		Scope:      concept{Coding: []coding{{System: consentScopes, Code: "patient-privacy"}}},
		Category:   []concept{{Coding: []coding{{System: loinc, Code: loincConsentForm}}, Text: x.wd.consentCategory}},
		Patient:    x.patient(),
		DateTime:   instant(c.At),
		Performer:  []reference{performer},
		PolicyRule: &concept{Text: dataProtectionLaw},
		Provision:  &provision{Type: "permit", Period: &period{Start: instant(c.At)}},
	}, ifIdentifier(id), true)
}
