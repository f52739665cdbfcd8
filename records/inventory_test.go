package records

import (
	"strings"
	"testing"

	"stemcounsel/model"
)

func TestInventoryInBothLanguages(t *testing.T) {
	f := InventoryFacts{Where: "/srv/records", Encrypted: true, RetainDays: 30, RespondWithin: "48 giờ"}
	vi, en := Inventory(model.LangVI, f), Inventory(model.LangEN, f)
	for _, want := range []string{"Danh mục dữ liệu", "/srv/records", "30 ngày", "48 giờ", "15 ngày", "records delete", "audit.log", "được mã hóa"} {
		if !strings.Contains(vi, want) {
			t.Errorf("vi lacks %q", want)
		}
	}
	for _, want := range []string{"data inventory", "/srv/records", "30 days", "48 giờ", "15 days", "records export --code", "tombstone", "consent", "encrypted", "CODE.visit-NNN.json"} {
		if !strings.Contains(en, want) {
			t.Errorf("en lacks %q", want)
		}
	}
	if strings.Count(en, "## ") != strings.Count(vi, "## ") {
		t.Fatal("both languages list the same items")
	}
	plain := Inventory(model.LangEN, InventoryFacts{Where: "x", RetainDays: 7})
	if !strings.Contains(plain, "NOT encrypted") || strings.Contains(plain, "secret key (the doctor)") {
		t.Fatal("without a key the inventory says so, and that staff can read the content")
	}
}

func TestInventoryOfADatabaseNamesItsTables(t *testing.T) {
	f := InventoryFacts{Where: "postgres://clinic@db/chain", Database: true, RetainDays: 30}
	for lang, want := range map[model.Lang]string{model.LangEN: "the records database postgres://clinic@db/chain, in the tables records, visits, audit_log", model.LangVI: "cơ sở dữ liệu hồ sơ postgres://clinic@db/chain"} {
		if got := Inventory(lang, f); !strings.Contains(got, want) || strings.Contains(got, "records folder postgres") || strings.Contains(got, "thư mục hồ sơ postgres") {
			t.Errorf("%s: the inventory of a database: %s", lang, got)
		}
	}
}

func TestInventorySaysWhetherConsentIsAsked(t *testing.T) {
	asked := Inventory(model.LangEN, InventoryFacts{ConsentAsked: true})
	notAsked := Inventory(model.LangVI, InventoryFacts{})
	if !strings.Contains(asked, "stays in memory") || !strings.Contains(notAsked, "chưa hỏi") {
		t.Fatal("the inventory states how consent is taken")
	}
}
