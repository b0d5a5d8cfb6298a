package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fm.catalog.common.paging.Page;
import fm.catalog.common.problem.Problem;
import fm.catalog.episode.EpisodeChapters;
import fm.catalog.episode.EpisodeDtos;
import fm.catalog.guest.GuestDtos;
import fm.catalog.importing.ImportDtos;
import fm.catalog.link.LinkDtos;
import fm.catalog.security.ApiKeyDtos;
import fm.catalog.show.ShowDtos;
import fm.catalog.support.ConstraintAnnotations;
import fm.catalog.topic.TopicDtos;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The records the API only ever writes say which fields are always present with {@code @Schema(required = true)},
 * not with Bean Validation's {@code @NotNull}: nothing validates them, and every constrained class is one more
 * that Hibernate Validator reads at each start (these were 19 of its 35, a third of its start-up time).
 */
class OutputRecordsTest {

    static final List<Class<?>> WRITTEN_ONLY = List.of(EpisodeDtos.EpisodeView.class, EpisodeDtos.GuestCreditView.class,
            GuestDtos.GuestView.class, ShowDtos.ShowView.class, ShowDtos.ShowSummary.class, TopicDtos.TopicView.class,
            TopicDtos.TopicSummary.class, LinkDtos.LinkView.class, LinkDtos.OwnerRef.class, ApiKeyDtos.ApiKeyView.class,
            ApiKeyDtos.NewApiKeyView.class, ImportDtos.ImportResult.class, ImportDtos.ItemResult.class,
            ImportDtos.ImportProblem.class, Problem.class, Problem.FieldError.class, Page.class, EpisodeChapters.class,
            EpisodeChapters.Item.class);

    @Test
    void shouldDocumentRequiredFieldsWithoutConstraints() throws NoSuchFieldException {
        List<String> constrained = new ArrayList<>();
        int required = 0;
        for (Class<?> type : WRITTEN_ONLY) {
            for (RecordComponent component : type.getRecordComponents()) {
                // a record component's annotations land on its field, accessor and constructor parameter alike
                Field field = type.getDeclaredField(component.getName());
                constrained.addAll(ConstraintAnnotations.on(type.getSimpleName() + "." + component.getName(),
                        field.getAnnotations(), field.getAnnotatedType()));
                Schema schema = field.getAnnotation(Schema.class);
                required += schema != null && schema.required() ? 1 : 0;
            }
        }
        assertEquals(List.of(), constrained);
        // the required fields are still declared (OpenApiContractTest checks the document they make)
        assertEquals(true, required > 60, "required fields: " + required);
    }
}
