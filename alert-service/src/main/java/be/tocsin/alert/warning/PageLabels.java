package be.tocsin.alert.warning;

import java.util.Map;

import be.tocsin.platform.web.Language;

/** The words around the alerts on the public pages, in each language. */
public record PageLabels(String title, String intro, String none, String severity, String whatToDo, String published,
        String numbers, String withdrawn, String feed, String cap, String back, String languages) {

    private static final Map<Language, PageLabels> LABELS = Map.of(
            Language.fr, new PageLabels("Alertes aux arnaques", "Les campagnes d'escroquerie confirmées par le centre.",
                    "Aucune alerte en cours.", "Gravité", "Que faire", "Publiée le", "Numéros et sites concernés",
                    "Cette alerte a été retirée.", "Flux Atom", "Message CAP", "Toutes les alertes", "Langue"),
            Language.nl, new PageLabels("Waarschuwingen voor oplichting", "Oplichtingscampagnes bevestigd door het centrum.",
                    "Geen lopende waarschuwingen.", "Ernst", "Wat te doen", "Gepubliceerd op", "Betrokken nummers en sites",
                    "Deze waarschuwing is ingetrokken.", "Atom-feed", "CAP-bericht", "Alle waarschuwingen", "Taal"),
            Language.de, new PageLabels("Betrugswarnungen", "Vom Zentrum bestätigte Betrugskampagnen.",
                    "Keine aktuellen Warnungen.", "Schweregrad", "Was tun", "Veröffentlicht am", "Betroffene Nummern und Seiten",
                    "Diese Warnung wurde zurückgezogen.", "Atom-Feed", "CAP-Meldung", "Alle Warnungen", "Sprache"),
            Language.en, new PageLabels("Scam warnings", "Scam campaigns confirmed by the centre.",
                    "No current warnings.", "Severity", "What to do", "Published", "Numbers and sites involved",
                    "This warning has been withdrawn.", "Atom feed", "CAP message", "All warnings", "Language"));

    public static PageLabels of(Language language) {
        return LABELS.get(language);
    }
}
