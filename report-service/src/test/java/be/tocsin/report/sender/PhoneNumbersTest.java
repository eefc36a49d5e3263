package be.tocsin.report.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/** Every written form people type, across BE, FR, NL, DE, IT, ES, GB and US, to E.164 with region and type. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} (default {1}) -> {2} {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            +39 06 9012 3459      | BE | +390690123459  | IT | FIXED_LINE
            0039 06 9012 3459     | BE | +390690123459  | IT | FIXED_LINE
            +390690123459         | BE | +390690123459  | IT | FIXED_LINE
            06 9012 3459          | IT | +390690123459  | IT | FIXED_LINE
            +39 312 345 6789      | BE | +393123456789  | IT | MOBILE
            899 123 456           | IT | +39899123456   | IT | PREMIUM_RATE
            0470 12 34 56         | BE | +32470123456   | BE | MOBILE
            0470/12.34.56         | BE | +32470123456   | BE | MOBILE
            +32 470 12 34 56      | BE | +32470123456   | BE | MOBILE
            0032470123456         | BE | +32470123456   | BE | MOBILE
            +32 (0)470 12-34-56   | BE | +32470123456   | BE | MOBILE
            02 501 11 11          | BE | +3225011111    | BE | FIXED_LINE
            (02) 501-11-11        | BE | +3225011111    | BE | FIXED_LINE
            0905 12 345           | BE | +3290512345    | BE | PREMIUM_RATE
            0903 55 120           | BE | +3290355120    | BE | PREMIUM_RATE
            +3290355120           | BE | +3290355120    | BE | PREMIUM_RATE
            078 170 170           | BE | +3278170170    | BE | UAN
            0800 12 345           | BE | +3280012345    | BE | TOLL_FREE
            01 42 68 53 00        | FR | +33142685300   | FR | FIXED_LINE
            0033 1 42 68 53 00    | BE | +33142685300   | FR | FIXED_LINE
            +33 6 12 34 56 78     | BE | +33612345678   | FR | MOBILE
            06.12.34.56.78        | FR | +33612345678   | FR | MOBILE
            08 99 23 45 67        | FR | +33899234567   | FR | PREMIUM_RATE
            020 555 1234          | NL | +31205551234   | NL | FIXED_LINE
            +31 6 12345678        | BE | +31612345678   | NL | MOBILE
            06-12345678           | NL | +31612345678   | NL | MOBILE
            0900-1234567          | NL | +319001234567  | NL | PREMIUM_RATE
            030 123456            | DE | +4930123456    | DE | FIXED_LINE
            +49 30 1234567        | BE | +49301234567   | DE | FIXED_LINE
            0151 23456789         | DE | +4915123456789 | DE | MOBILE
            0049 151 23456789     | BE | +4915123456789 | DE | MOBILE
            09001 234567          | DE | +499001234567  | DE | PREMIUM_RATE
            91 123 45 67          | ES | +34911234567   | ES | FIXED_LINE
            +34 612 34 56 78      | BE | +34612345678   | ES | MOBILE
            803 123 456           | ES | +34803123456   | ES | PREMIUM_RATE
            020 7946 0018         | GB | +442079460018  | GB | FIXED_LINE
            +44 7400 123456       | BE | +447400123456  | GB | MOBILE
            07400 123456          | GB | +447400123456  | GB | MOBILE
            0909 879 0000         | GB | +449098790000  | GB | PREMIUM_RATE
            (201) 555-0123        | US | +12015550123   | US | FIXED_LINE_OR_MOBILE
            +1 201-555-0123       | BE | +12015550123   | US | FIXED_LINE_OR_MOBILE
            1-900-555-0199        | US | +19005550199   | US | PREMIUM_RATE
            +1 (415) 555-2671     | BE | +14155552671   | US | FIXED_LINE_OR_MOBILE
            +48 225 812 446       | BE | +48225812446   | PL | FIXED_LINE
            0040213119960         | BE | +40213119960   | RO | FIXED_LINE
            """)
    void everyWrittenFormBecomesE164WithRegionAndType(String written, String defaultRegion, String e164,
            String region, String type) {
        PhoneNumber number = PhoneNumbers.parse(written, defaultRegion).orElseThrow();
        assertThat(number.e164()).isEqualTo(e164);
        assertThat(number.region()).isEqualTo(region);
        assertThat(number.type()).isEqualTo(type);
        assertThat(number.valid()).isTrue();
        assertThat(number.premiumRate()).isEqualTo("PREMIUM_RATE".equals(type));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "hello", "12", "+", "+32 470 12 34 56 78 90 12 34", "0470 12",
            "javascript:alert(1)", "999999999999999999999" })
    void impossibleNumbersAreRefused(String written) {
        assertThat(PhoneNumbers.parse(written, "BE")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            112     | 112
            101     | 101
            100     | 100
            1733    | 1733
            116 000 | 116000
            """)
    void shortNumbersAreKnownForLookups(String written, String key) {
        PhoneNumber number = PhoneNumbers.parseIncludingShort(written, "BE").orElseThrow();
        assertThat(number.e164()).isEqualTo(key);
        assertThat(number.type()).isEqualTo("SHORT_CODE");
        assertThat(PhoneNumbers.parse(written, "BE")).isEmpty();
    }

    /**
     * Validity is read from the number's type rather than asked of libphonenumber a second time: for
     * every example number it has, in every region and of every type, and for each of them one digit
     * short and one digit long, the answer must be libphonenumber's own isValidNumber.
     */
    @Test
    void validityIsLibphonenumbersOwnForEveryRegionAndType() throws NumberParseException {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<String> written = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example != null) {
                    String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                    written.addAll(List.of(e164, e164.substring(0, e164.length() - 1), e164 + "7"));
                }
            }
        }
        for (int code : util.getSupportedGlobalNetworkCallingCodes()) {
            written.add(util.format(util.getExampleNumberForNonGeoEntity(code), PhoneNumberUtil.PhoneNumberFormat.E164));
        }
        List<Boolean> compared = new ArrayList<>();
        for (String number : written) {
            Optional<PhoneNumber> parsed = PhoneNumbers.parse(number, "BE");
            if (parsed.isPresent()) {
                boolean expected = util.isValidNumber(util.parse(number, "BE"));
                assertThat(parsed.get().valid()).as(number).isEqualTo(expected);
                compared.add(expected);
            }
        }
        // Not vacuous: over 2,000 possible numbers compared (2,373 with libphonenumber 9.x), some valid, some not.
        assertThat(compared).hasSizeGreaterThan(2_000).contains(true, false);
    }
}
