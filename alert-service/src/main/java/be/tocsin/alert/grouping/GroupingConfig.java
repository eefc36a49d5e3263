package be.tocsin.alert.grouping;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How reports are grouped into campaigns ({@code tocsin.grouping.*}). */
@ConfigMapping(prefix = "tocsin.grouping")
public interface GroupingConfig {

    /** Region for national-format numbers written in message texts. */
    @WithDefault("BE")
    String defaultRegion();

    /** Distinct numbers reported in one 100-number block before the block links as a NUMBER_RANGE. */
    @WithDefault("3")
    int rangeMinNumbers();

    /** How far back those numbers may have been reported. */
    @WithDefault("P14D")
    Duration rangeWindow();

    /** The report channels whose sender numbers count towards hot blocks (NUMBER_RANGE). */
    @WithDefault("CALL")
    Set<String> rangeChannels();

    /**
     * The report channels whose sender numbers attach a report to a campaign but never merge two.
     * SMS come from hijacked phones and random mobiles: at national volume chance repeats of a sender
     * would chain unrelated campaigns into one (the grouping benchmark built one of 115,000 reports
     * out of 645 callback campaigns that way).
     */
    @WithDefault("SMS")
    Set<String> attachOnlySenderChannels();

    /** Hot 100-blocks within one 1,000-block before the range widens to the 1,000-block. */
    @WithDefault("2")
    int rangeWidenAfterBlocks();

    /**
     * How close (estimated Jaccard similarity of the normalised texts, 0 to 1) a message must be to
     * the one that claimed a text band before it joins that band's campaign.
     */
    @WithDefault("0.5")
    double textSimilarity();

    /** Merges a link key may cause before it is demoted and links nobody any more. */
    @WithDefault("5")
    int demoteAfterMerges();

    /**
     * Domains that link nobody by themselves: URL shorteners, messaging and social platforms, mass
     * e-mail providers. Their links link only by the full address; their e-mail domains only show.
     */
    @WithDefault("bit.ly,tinyurl.com,t.co,goo.gl,ow.ly,is.gd,buff.ly,cutt.ly,rebrand.ly,shorturl.at,t.me,wa.me,"
            + "whatsapp.com,telegram.org,google.com,facebook.com,instagram.com,tiktok.com,linkedin.com,"
            + "gmail.com,outlook.com,hotmail.com,live.com,yahoo.com,icloud.com,gmx.com,proton.me,skynet.be,telenet.be")
    Set<String> massPlatforms();
}
