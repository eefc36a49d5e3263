package be.tocsin.report.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebAddressesTest {

    @Test
    void fullUrlsAndBareDomainsAreFoundInMessages() {
        assertThat(WebAddresses.extract(
                "DHL: votre envoi est retenu. Payez 2,49 EUR : https://dhl-be-delivery.com/5yv47z. Ou bpost-colis.net/abc!"))
                .containsExactly("https://dhl-be-delivery.com/5yv47z", "https://bpost-colis.net/abc");
    }

    @Test
    void numbersAmountsAndEmailsAreNotSites() {
        assertThat(WebAddresses.extract("Payez 2.49 EUR, code 12.34.56, écrivez à info@bpost.be, etc.etc")).isEmpty();
    }

    @Test
    void theRegistrableDomainComesFromThePublicSuffixList() {
        assertThat(WebAddresses.registrableDomain("secure.bpost-colis.net")).contains("bpost-colis.net");
        assertThat(WebAddresses.registrableDomain("login.kbc.co.uk")).contains("kbc.co.uk");
        assertThat(WebAddresses.registrableDomain("localhost")).isEmpty();
    }
}
