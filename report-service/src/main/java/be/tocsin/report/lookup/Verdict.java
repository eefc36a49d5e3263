package be.tocsin.report.lookup;

/** What Tocsin says of a number. */
public enum Verdict {
    /** Nobody reported it. */
    UNKNOWN,
    /** Reported, by fewer people than the threshold or without a campaign. */
    REPORTED,
    /** Reported often enough and grouped into a campaign that staff have not confirmed yet. */
    SUSPECTED,
    /** The number, or its range, belongs to a campaign staff confirmed. */
    CONFIRMED_SCAM,
    /** An emergency or official line: never branded, scammers may imitate it. */
    PROTECTED
}
