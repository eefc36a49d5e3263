package be.tocsin.report.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import be.tocsin.report.report.Channel;

class SendersTest {

    @ParameterizedTest
    @ValueSource(strings = { "bpost", "DHL", "ING Belgie", "Proximus", "Itsme-info", "BNP 24" })
    void smsSenderIdsAreAlphanumeric(String id) {
        Sender sender = Senders.parse(Channel.SMS, id, "BE").orElseThrow();
        assertThat(sender.kind()).isEqualTo(Sender.Kind.ALPHANUMERIC);
        assertThat(sender.value()).isEqualTo(id);
    }

    @Test
    void anSmsFromANumberIsAPhoneSender() {
        Sender sender = Senders.parse(Channel.SMS, "+32 499 48 11 31", "BE").orElseThrow();
        assertThat(sender.kind()).isEqualTo(Sender.Kind.PHONE);
        assertThat(sender.e164()).isEqualTo("+32499481131");
    }

    @ParameterizedTest
    @ValueSource(strings = { "twelve chars", "bpost-colis-be", "<script>", "DROP;TABLE" })
    void tooLongOrOddSenderIdsAreRefused(String id) {
        assertThat(Senders.parse(Channel.SMS, id, "BE")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "Service@Bank-Secure.example.com,service@bank-secure.example.com", "info@itsme.be,info@itsme.be" })
    void emailSendersAreLowerCasedAddresses(String written, String expected) {
        assertThat(Senders.parse(Channel.EMAIL, written, "BE").orElseThrow())
                .isEqualTo(Sender.text(Sender.Kind.EMAIL, expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not an address", "a@b", "@bank.be", "x@y@z.be", "me@localhost" })
    void emailSendersMustBeAddresses(String written) {
        assertThat(Senders.parse(Channel.EMAIL, written, "BE")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "https://bpost-colis.net/abc,https://bpost-colis.net/abc", "bpost-colis.net/abc,https://bpost-colis.net/abc",
            "HTTP://Secure.KBC-Login.com,http://secure.kbc-login.com" })
    void websiteSendersAreUrls(String written, String expected) {
        assertThat(Senders.parse(Channel.WEBSITE, written, "BE").orElseThrow().value()).isEqualTo(expected);
    }

    @Test
    void callsNeedAPhoneNumber() {
        assertThat(Senders.parse(Channel.CALL, "bpost", "BE")).isEmpty();
        assertThat(Senders.parse(Channel.CALL, "0470 12 34 56", "BE").orElseThrow().e164()).isEqualTo("+32470123456");
    }
}
