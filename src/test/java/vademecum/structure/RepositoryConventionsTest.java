package vademecum.structure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Repositories hold no connection of their own: each method runs on the {@code DSLContext} its
 * caller gives, so a caller sees from the call whether it joins its transaction.
 */
class RepositoryConventionsTest {
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("vademecum");

  @Test
  void repositories_keep_no_state() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .should()
        .beStatic()
        .andShould()
        .beFinal()
        .check(PRODUCT);
  }

  @Test
  void every_repository_method_takes_the_context_it_runs_on_first() {
    methods()
        .that()
        .areDeclaredInClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .and()
        .areNotPrivate()
        .and()
        .doNotHaveModifier(JavaModifier.STATIC)
        .and()
        .doNotHaveModifier(JavaModifier.SYNTHETIC)
        .should(takeTheContextFirst())
        .check(PRODUCT);
  }

  @Test
  void only_repositories_and_the_database_layer_write_queries() {
    // Services pass a DSLContext along and open transactions; building SQL is a repository's job.
    noClasses()
        .that()
        .haveSimpleNameNotEndingWith("Repository")
        .and()
        .resideOutsideOfPackages("vademecum.db..", "vademecum.audit..")
        .and(notNestedInARepository())
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "builds SQL with DSLContext.select/insertInto/update/deleteFrom",
                call ->
                    call.getTargetOwner().isAssignableTo(DSLContext.class)
                        && call.getName()
                            .matches("select.*|insertInto|update|deleteFrom|fetch.*|execute")))
        .check(PRODUCT);
  }

  private static DescribedPredicate<JavaClass> notNestedInARepository() {
    return DescribedPredicate.describe(
        "not nested in a repository",
        type ->
            type.getEnclosingClass()
                .map(outer -> !outer.getSimpleName().endsWith("Repository"))
                .orElse(true));
  }

  private static ArchCondition<JavaMethod> takeTheContextFirst() {
    return new ArchCondition<>("take the DSLContext it runs on as first parameter") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        var parameters = method.getRawParameterTypes();
        boolean ok = !parameters.isEmpty() && parameters.get(0).isEquivalentTo(DSLContext.class);
        events.add(new SimpleConditionEvent(method, ok, method.getFullName()));
      }
    };
  }
}
