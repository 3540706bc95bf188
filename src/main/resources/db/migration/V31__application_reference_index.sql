-- An import looks up each line's application by its reference, to file nothing twice (issue 15).
CREATE INDEX application_reference ON application (reference);
