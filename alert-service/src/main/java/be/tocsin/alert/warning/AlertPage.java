package be.tocsin.alert.warning;

import java.util.List;

import be.tocsin.platform.web.Language;

/** What every public alert page needs: its language, labels and the path for the language switch. */
public record AlertPage(Language language, PageLabels labels, String path, List<Language> languages) {

    public static AlertPage of(Language language, String path) {
        return new AlertPage(language, PageLabels.of(language), path, List.of(Language.values()));
    }
}
