package vademecum.structure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.javalin.http.HttpResponseException;
import org.junit.jupiter.api.Test;

/**
 * The package graph drawn in docs/architecture.md, read from the compiled classes (inline
 * fully-qualified names count as much as imports).
 */
class PackageStructureTest {
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("vademecum");

  private static final String[] FEATURES = {
    "vademecum.account..",
    "vademecum.admin..",
    "vademecum.ack..",
    "vademecum.cli..",
    "vademecum.manual..",
    "vademecum.search..",
    "vademecum.share..",
    "vademecum.webhook..",
    "vademecum.workspace..",
    "vademecum.sso.."
  };

  @Test
  void the_kernel_and_the_libraries_depend_on_no_feature_and_not_on_the_web_layer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "vademecum.kernel..",
            "vademecum.db..",
            "vademecum.markdown..",
            "vademecum.audit..",
            "vademecum.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("vademecum.web..")
        .check(PRODUCT);
  }

  @Test
  void the_web_layer_knows_who_is_asking_through_the_kernel_only() {
    noClasses()
        .that()
        .resideInAPackage("vademecum.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .check(PRODUCT);
  }

  @Test
  void packages_form_no_cycle() {
    slices().matching("vademecum.(*)..").should().beFreeOfCycles().check(PRODUCT);
  }

  /**
   * The composition root builds every feature, so nothing but the command line (which starts it)
   * may depend on it, and it starts no command itself.
   */
  @Test
  void only_the_command_line_uses_the_composition_root() {
    noClasses()
        .that()
        .resideOutsideOfPackages("vademecum", "vademecum.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("vademecum")
        .check(PRODUCT);
    noClasses()
        .that()
        .resideInAPackage("vademecum")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("vademecum.cli..")
        .check(PRODUCT);
  }

  /**
   * A refusal is a {@code kernel.Refusal}, which WebServer alone turns into a status, a page and a
   * JSON body; Javalin's own responses are only met there, where the framework throws them.
   */
  @Test
  void errors_are_refusals_not_framework_responses() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("vademecum.web.WebServer")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(HttpResponseException.class)
        .check(PRODUCT);
  }

  /**
   * Search and webhooks follow what other features do through the listeners App wires; no feature
   * calls them.
   */
  @Test
  void search_and_webhooks_are_reached_only_through_the_composition_root() {
    for (String leaf : new String[] {"vademecum.search..", "vademecum.webhook.."}) {
      noClasses()
          .that()
          .resideOutsideOfPackages("vademecum", "vademecum.cli..", leaf)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(leaf)
          .check(PRODUCT);
    }
  }
}
