package store

// OpenDataWalk exposes the batch size of OpenDataEntries to the black-box
// tests, so a walk across batch boundaries needs a handful of entries, not
// hundreds.
var OpenDataWalk = (*Store).openDataWalk
