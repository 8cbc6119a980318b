package locale

// opendataEN is the English text of the open-data surfaces: the exports,
// the DCAT catalogue and the CKAN Action API, worded as CKAN words them.
var opendataEN = map[string]string{
	"invalid.page_number":   "The page number must be a whole number from 1.",
	"invalid.ckan_action":   "Bad request - Action name not known: %s",
	"invalid.ckan_json":     "Bad request - JSON Error: the request body must be a JSON object (at most 64 KiB).",
	"invalid.ckan_missing":  "Missing value",
	"invalid.ckan_integer":  "Invalid integer",
	"invalid.ckan_natural":  "Must be a natural number",
	"invalid.ckan_boolean":  "Invalid boolean (true or false)",
	"invalid.ckan_string":   "Must be a string",
	"invalid.ckan_sort":     "Unsupported sort. Use id, metadata_modified or metadata_created with asc or desc.",
	"invalid.ckan_org_sort": "Unsupported sort. Use name, title or package_count with asc or desc.",
	"invalid.ckan_fq":       "Unsupported filter: %s. Terbuka understands organization, tags, groups, metadata_modified:[TIME TO *], dataset_type, capacity and state.",
	"invalid.ckan_q_fq":     "With q, fq may hold one organization and one tags term only.",
	"not_found.ckan":        "Not found",
}
