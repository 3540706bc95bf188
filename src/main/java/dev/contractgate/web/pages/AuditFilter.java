package dev.contractgate.web.pages;

/** The console's audit filters as entered (empty strings for none), shown again above the results. */
public record AuditFilter(String action, String subject, String actor, String since) {
}
