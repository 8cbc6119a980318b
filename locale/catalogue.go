package locale

// id and en are the merged catalogues; each concern keeps its own file.
var (
	id = merge(errorsID, uiID, vocabID, routingID, objectionID, noticeID, auditID, notificationID, portalCatalogueID, documentID, opendataID, importID)
	en = merge(errorsEN, uiEN, vocabEN, routingEN, objectionEN, noticeEN, auditEN, notificationEN, portalCatalogueEN, documentEN, opendataEN, importEN)
)

func merge(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
