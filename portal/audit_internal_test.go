package portal

import (
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// TestAuditAction_EveryActionHasWords keeps the audit page in words: each
// audit action the domain defines has Indonesian and English text.
func TestAuditAction_EveryActionHasWords(t *testing.T) {
	for _, a := range []string{
		terbuka.AuditRequestCreated, terbuka.AuditRequestExtended, terbuka.AuditRequestDecided,
		terbuka.AuditRequestDeadlineRecompute, terbuka.AuditUserCreated, terbuka.AuditUserLogin, terbuka.AuditUserLoginFailed,
		terbuka.AuditUserLogout, terbuka.AuditTokenCreated, terbuka.AuditBodyCreated, terbuka.AuditBodySettingsUpdated,
		terbuka.AuditRegionalHolidayAdded, terbuka.AuditRegionalHolidayDeleted, terbuka.AuditAmendmentLoaded,
		terbuka.AuditCatalogueCreated, terbuka.AuditRequestMarkedIncomplete, terbuka.AuditRequestCompleted,
		terbuka.AuditRequestLapsed, terbuka.AuditRequestDisposed, terbuka.AuditDispositionAnswered,
		terbuka.AuditDispositionWithdrawn, terbuka.AuditRequestTransferLinked, terbuka.AuditFeePaid, terbuka.AuditFileReleased,
		terbuka.AuditCatalogueLinked, terbuka.AuditFeeTableUpdated, terbuka.AuditObjectionCreated, terbuka.AuditObjectionDecided,
		terbuka.AuditObjectionResponded, terbuka.AuditObjectionDeadlineRecompute, terbuka.AuditDisputeLodged,
		terbuka.AuditDisputeStage,
	} {
		for _, lang := range []locale.Lang{locale.ID, locale.EN} {
			if !locale.Has(lang, "audit.action."+a) {
				t.Errorf("catalogue %s has no words for audit action %q", lang, a)
			}
		}
	}
	pg := &page{Lang: locale.ID}
	got := pg.auditFields(`{"b":true,"a":["x","y"],"c":{"d":1},"e":""}`)
	want := []auditField{{"a", "x, y"}, {"b", "ya"}, {"c", "d: 1"}, {"e", "—"}}
	if len(got) != len(want) {
		t.Fatalf("auditFields = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("auditFields[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
