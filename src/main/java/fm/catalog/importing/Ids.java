package fm.catalog.importing;

import fm.catalog.episode.Episode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.LongSupplier;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * Ids for rows written without Hibernate (bulk imports), from Hibernate's own catalog_seq
 * generator: the same pooled blocks of fifty, so they never collide with ids Hibernate hands out.
 */
@ApplicationScoped
class Ids {
    private final EntityManager em;

    Ids(EntityManager em) {
        this.em = em;
    }

    LongSupplier source() {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        BeforeExecutionGenerator generator = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel()
                .getEntityDescriptor(Episode.class).getGenerator();
        return () -> ((Number) generator.generate(session, null, null, EventType.INSERT)).longValue();
    }
}
