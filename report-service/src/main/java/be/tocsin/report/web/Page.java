package be.tocsin.report.web;

import java.util.List;

import be.tocsin.platform.web.Language;


/** What every citizen page needs: its language, its own path (for the language switch), the CSRF token. */
public record Page(Language language, String path, String csrf) {

    public List<Language> languages() {
        return List.of(Language.values());
    }
}
