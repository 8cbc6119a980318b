package register

import (
	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// The functions here put the request's stored values into the register's
// words. Unknown values come back as stored, so a new value added to the
// domain shows up in the download instead of vanishing.

// say picks the Indonesian or the English wording.
func say(lang, id, en string) string {
	if english(lang) {
		return en
	}
	return id
}

// informationStatus is the register's "status informasi": whether the body
// holds the information and, if not, who does. Before any decision it is
// "dalam proses" while the request is still being handled, and "-" once it
// has ended without one (lapsed or closed).
func informationStatus(r terbuka.Request, lang string) string {
	d := r.Decision
	if d == nil {
		if r.Status.Open() || r.Status == terbuka.StatusIncomplete {
			return say(lang, "dalam proses", "in process")
		}
		return ""
	}
	switch d.Kind {
	case terbuka.Granted, terbuka.PartiallyGranted, terbuka.Denied:
		return say(lang, "dikuasai", "held")
	case terbuka.NotHeld:
		return say(lang, "belum dikuasai", "not held")
	case terbuka.NotDocumented:
		return say(lang, "belum didokumentasikan", "not yet documented")
	case terbuka.Transferred:
		return say(lang, "dikuasai badan publik lain: ", "held by another public body: ") + d.TransferredTo
	}
	return string(d.Kind)
}

// form is the register's "bentuk informasi", read from how the requester
// wants to obtain it (cara memperoleh).
func form(o terbuka.Obtain, lang string) string {
	switch o {
	case "softcopy":
		return "softcopy"
	case "hardcopy":
		return "hardcopy"
	case "view":
		return say(lang, "melihat langsung", "viewing in person")
	case "read":
		return say(lang, "membaca langsung", "reading in person")
	case "listen":
		return say(lang, "mendengarkan langsung", "listening in person")
	case "note":
		return say(lang, "mencatat langsung", "taking notes in person")
	}
	return string(o)
}

// requestType is the register's "jenis permohonan": a copy (softcopy or
// hardcopy) or inspection (melihat/mengetahui) for every other way.
func requestType(o terbuka.Obtain, lang string) string {
	switch o {
	case "softcopy", "hardcopy":
		return say(lang, "meminta salinan", "copy")
	case "":
		return ""
	}
	return say(lang, "melihat/mengetahui", "inspection")
}

// decision is the register's "keputusan". Both "belum" grounds are
// refusals in the Perki 1/2010 register; a transfer is neither granted nor
// refused, so it is named as such. No decision yet is "".
func decision(d *terbuka.Decision, lang string) string {
	if d == nil {
		return ""
	}
	switch d.Kind {
	case terbuka.Granted:
		return say(lang, "Diterima seluruhnya", "Granted in full")
	case terbuka.PartiallyGranted:
		return say(lang, "Diterima sebagian", "Granted in part")
	case terbuka.Denied, terbuka.NotHeld, terbuka.NotDocumented:
		return say(lang, "Ditolak", "Refused")
	case terbuka.Transferred:
		return say(lang, "Dialihkan", "Transferred")
	}
	return string(d.Kind)
}

// refusalReason is the register's "alasan penolakan": the Pasal 17 basis,
// cited in Indonesian in both languages, for what was withheld (wholly or
// in part), or the "belum" ground. Other outcomes have none ("").
func refusalReason(d *terbuka.Decision, lang string) string {
	if d == nil {
		return ""
	}
	switch d.Kind {
	case terbuka.Denied, terbuka.PartiallyGranted:
		if d.Exemption != nil {
			return d.Exemption.Basis
		}
	case terbuka.NotHeld:
		return say(lang, "informasi belum dikuasai", "information not held")
	case terbuka.NotDocumented:
		return say(lang, "informasi belum didokumentasikan", "information not yet documented")
	}
	return ""
}

// status is the request's stored status in the portal's words.
func status(s terbuka.Status, lang string) string {
	l, key := locale.Parse(lang), "status."+string(s)
	if !locale.Has(l, key) && !locale.Has(locale.ID, key) {
		return string(s)
	}
	return locale.T(l, key)
}

func yesNo(b bool, lang string) string {
	if b {
		return say(lang, "ya", "yes")
	}
	return say(lang, "tidak", "no")
}

// channel names how the request reached the body.
func channel(c terbuka.Channel, lang string) string {
	l, key := locale.Parse(lang), "channel."+string(c)
	if !locale.Has(l, key) {
		return string(c)
	}
	return locale.T(l, key)
}
