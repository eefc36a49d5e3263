package be.tocsin.platform.persistence;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * New ids for rows that are written at intake rates (reports, events): time-ordered UUIDs
 * (version 7, RFC 9562). Random UUIDs land on a random leaf of their B-tree, so once an index
 * outgrows memory every insert touches a page that is not cached (and, after each checkpoint,
 * writes it whole to the WAL); time-ordered ones land next to the previous insert.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
