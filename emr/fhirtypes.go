package emr

// The few FHIR R4 data types and resources the export writes, by hand: the
// generated Go FHIR libraries are unmaintained or very heavy for six
// resource types. Field names and cardinalities follow the R4 JSON schema,
// against which the tests validate.

type coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

type concept struct {
	Coding []coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

type identifier struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
}

type reference struct {
	Reference  string      `json:"reference,omitempty"`
	Type       string      `json:"type,omitempty"`
	Identifier *identifier `json:"identifier,omitempty"`
	Display    string      `json:"display,omitempty"`
}

type meta struct {
	Tag []coding `json:"tag,omitempty"`
}

type extension struct {
	URL         string      `json:"url"`
	ValueCode   string      `json:"valueCode,omitempty"`
	ValueString string      `json:"valueString,omitempty"`
	Extension   []extension `json:"extension,omitempty"`
}

// element carries extensions of a primitive, such as a translation of
// item.text in "_text".
type element struct {
	Extension []extension `json:"extension,omitempty"`
}

type period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

type attachment struct {
	ContentType string `json:"contentType"`
	Language    string `json:"language,omitempty"`
	Data        []byte `json:"data"` // encoding/json writes base64, as FHIR wants
	Size        int    `json:"size"`
	Hash        []byte `json:"hash"` // SHA-1, as R4's Attachment.hash defines
	Title       string `json:"title,omitempty"`
	Creation    string `json:"creation,omitempty"`
}

// base holds what every resource here has.
type base struct {
	ResourceType string `json:"resourceType"`
	Meta         *meta  `json:"meta,omitempty"`
	Language     string `json:"language,omitempty"`
}

type questionnaire struct {
	base
	URL     string   `json:"url"`
	Version string   `json:"version"`
	Name    string   `json:"name"`
	Title   string   `json:"title"`
	XTitle  *element `json:"_title,omitempty"`
	Status  string   `json:"status"`
	Item    []qItem  `json:"item"`
}

type qItem struct {
	LinkID       string         `json:"linkId"`
	Text         string         `json:"text,omitempty"`
	XText        *element       `json:"_text,omitempty"`
	Type         string         `json:"type"`
	ReadOnly     bool           `json:"readOnly,omitempty"`
	AnswerOption []answerOption `json:"answerOption,omitempty"`
	Item         []qItem        `json:"item,omitempty"`
}

type answerOption struct {
	ValueCoding coding `json:"valueCoding"`
}

type questionnaireResponse struct {
	base
	Identifier    *identifier `json:"identifier,omitempty"`
	Questionnaire string      `json:"questionnaire"`
	Status        string      `json:"status"`
	Subject       *reference  `json:"subject,omitempty"`
	Encounter     *reference  `json:"encounter,omitempty"`
	Authored      string      `json:"authored,omitempty"`
	Author        *reference  `json:"author,omitempty"`
	Source        *reference  `json:"source,omitempty"`
	Item          []rItem     `json:"item,omitempty"`
}

type rItem struct {
	LinkID string    `json:"linkId"`
	Text   string    `json:"text,omitempty"`
	Answer []rAnswer `json:"answer,omitempty"`
	Item   []rItem   `json:"item,omitempty"`
}

type rAnswer struct {
	ValueCoding  *coding `json:"valueCoding,omitempty"`
	ValueString  string  `json:"valueString,omitempty"`
	ValueBoolean *bool   `json:"valueBoolean,omitempty"`
	ValueInteger *int    `json:"valueInteger,omitempty"`
}

type encounter struct {
	base
	Identifier []identifier `json:"identifier"`
	Status     string       `json:"status"`
	Class      coding       `json:"class"`
	Type       []concept    `json:"type,omitempty"`
	Subject    *reference   `json:"subject,omitempty"`
	Period     period       `json:"period"`
}

type documentReference struct {
	base
	Identifier []identifier `json:"identifier"`
	Status     string       `json:"status"`
	DocStatus  string       `json:"docStatus,omitempty"`
	Type       *concept     `json:"type,omitempty"`
	Subject    *reference   `json:"subject,omitempty"`
	Date       string       `json:"date,omitempty"`
	Author     []reference  `json:"author,omitempty"`
	Content    []docContent `json:"content"`
	Context    *docContext  `json:"context,omitempty"`
}

type docContent struct {
	Attachment attachment `json:"attachment"`
}

type docContext struct {
	Encounter []reference `json:"encounter,omitempty"`
	Period    *period     `json:"period,omitempty"`
}

type provenance struct {
	base
	Target   []reference `json:"target"`
	Recorded string      `json:"recorded"`
	Activity *concept    `json:"activity,omitempty"`
	Agent    []provAgent `json:"agent"`
	Entity   []provEnt   `json:"entity,omitempty"`
}

type provAgent struct {
	Type *concept  `json:"type,omitempty"`
	Who  reference `json:"who"`
}

type provEnt struct {
	Role string    `json:"role"`
	What reference `json:"what"`
}

type flag struct {
	base
	Identifier []identifier `json:"identifier"`
	Status     string       `json:"status"`
	Code       concept      `json:"code"`
	Subject    reference    `json:"subject"`
	Period     *period      `json:"period,omitempty"`
	Encounter  *reference   `json:"encounter,omitempty"`
}

type communication struct {
	base
	Identifier []identifier `json:"identifier"`
	Status     string       `json:"status"`
	Category   []concept    `json:"category,omitempty"`
	Subject    *reference   `json:"subject,omitempty"`
	Encounter  *reference   `json:"encounter,omitempty"`
	Sent       string       `json:"sent,omitempty"`
	Sender     *reference   `json:"sender,omitempty"`
	Payload    []payload    `json:"payload"`
}

type payload struct {
	ContentString string `json:"contentString"`
}

type device struct {
	base
	Identifier []identifier  `json:"identifier"`
	Status     string        `json:"status"`
	DeviceName []deviceName  `json:"deviceName"`
	Version    []deviceValue `json:"version,omitempty"`
}

type deviceName struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type deviceValue struct {
	Value string `json:"value"`
}

type practitioner struct {
	base
	Name []humanName `json:"name"`
}

type humanName struct {
	Text string `json:"text"`
}

type fhirBundle struct {
	ResourceType string  `json:"resourceType"`
	Type         string  `json:"type"`
	Timestamp    string  `json:"timestamp"`
	Entry        []entry `json:"entry"`
}

type entry struct {
	FullURL  string  `json:"fullUrl"`
	Resource any     `json:"resource"`
	Request  request `json:"request"`
}

type request struct {
	Method      string `json:"method"`
	URL         string `json:"url"`
	IfNoneExist string `json:"ifNoneExist,omitempty"`
}

type observation struct {
	base
	Identifier           []identifier   `json:"identifier"`
	Status               string         `json:"status"`
	Category             []concept      `json:"category,omitempty"`
	Code                 concept        `json:"code"`
	Subject              *reference     `json:"subject,omitempty"`
	Encounter            *reference     `json:"encounter,omitempty"`
	EffectiveDateTime    string         `json:"effectiveDateTime,omitempty"`
	Performer            []reference    `json:"performer,omitempty"`
	ValueQuantity        *quantity      `json:"valueQuantity,omitempty"`
	ValueCodeableConcept *concept       `json:"valueCodeableConcept,omitempty"`
	Note                 []annotation   `json:"note,omitempty"`
	Component            []obsComponent `json:"component,omitempty"`
}

type obsComponent struct {
	Code          concept   `json:"code"`
	ValueQuantity *quantity `json:"valueQuantity,omitempty"`
	ValueBoolean  *bool     `json:"valueBoolean,omitempty"`
	ValueInteger  *int      `json:"valueInteger,omitempty"`
}

type quantity struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	System string  `json:"system,omitempty"`
	Code   string  `json:"code,omitempty"`
}

type annotation struct {
	Text string `json:"text"`
}
