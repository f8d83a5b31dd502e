package vademecum.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vademecum.db.schema.Tables;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.share.ShareService;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;

/**
 * The app as people use it, in headless Chromium driven by Selenium over real HTTP. Screenshots of
 * the pages go to {@code target/screenshots/} for a person to look at.
 */
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target/screenshots");

  private static TestApp app;
  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static Workspace workspace;
  private static Account editor;
  private static Account assistant;
  private static Account recruiter;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium and chromium-driver are missing: .ci/run installs them");
      }
      Assumptions.abort("chromium and chromium-driver are not installed here");
    }
    Files.createDirectories(SCREENSHOTS);
    app = TestApp.start();
    workspace = app.workspace("atelier");
    editor = app.account(workspace, Role.EDITOR);
    assistant = app.account(workspace, Role.ASSISTANT);
    recruiter = app.account(workspace, Role.RECRUITER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=en-GB",
        "--user-data-dir=" + Scratch.directory("chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  private static void open(String path) {
    driver.get(app.url(path));
  }

  private static void signIn(Account account) {
    driver.manage().deleteAllCookies();
    open("/login");
    driver.findElement(By.name("email")).sendKeys(account.email());
    driver.findElement(By.name("password")).sendKeys(TestApp.PASSWORD);
    driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  private static void screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  @Test
  void write_publish_find_as_you_type_acknowledge_and_see_the_dashboard_change() {
    signIn(editor);
    open("/w/atelier/new");
    driver.findElement(By.name("title")).sendKeys("Relances clients");
    new Select(driver.findElement(By.cssSelector("select[name=language]"))).selectByValue("fr");
    driver
        .findElement(By.name("markdown"))
        .sendKeys(
            "Ce manuel dit comment relancer.\n\n## Relancer une facture impayée {#relance}\n"
                + "Envoyer le modèle de relance J+15 au client, copie à la gérante.\n");
    assertEveryControlIsLabelled();
    screenshot("editor");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    wait.until(ExpectedConditions.urlContains("/m/relances-clients"));
    assertTrue(text().contains("Relancer une facture impayée"));
    screenshot("manual");
    open("/w/atelier/acknowledgements");
    assertTrue(text().contains("0 %"), text());

    signIn(assistant);
    open("/search");
    // "/" focuses the search box from anywhere on the page.
    driver.findElement(By.tagName("body")).click();
    driver.findElement(By.tagName("body")).sendKeys("/");
    WebElement box = driver.switchTo().activeElement();
    assertEquals("q", box.getAttribute("id"));
    box.sendKeys("facture impay");
    WebElement hit =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results .hit-title")));
    assertEquals("Relancer une facture impayée", hit.getText());
    assertTrue(driver.getCurrentUrl().endsWith("/search"), "results came without a page load");
    assertEveryControlIsLabelled();
    screenshot("search-as-you-type");
    box.sendKeys(Keys.ARROW_DOWN);
    assertEquals(hit, driver.switchTo().activeElement());
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("#relance"));
    WebElement understood =
        driver.findElement(By.xpath("//button[normalize-space()=\"J'ai lu et compris\"]"));
    understood.click();
    // The answer is a new page: read its table of contents, not the one going away.
    wait.until(ExpectedConditions.stalenessOf(understood));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".toc"), "Lu (version 1)"));
    screenshot("acknowledged");

    signIn(editor);
    open("/w/atelier/acknowledgements");
    assertTrue(text().contains("100 %"), text());
    assertEveryControlIsLabelled();
    screenshot("dashboard");
  }

  /** A heading "Q" has the search page's box id: "/" still finds the box at the top. */
  @Test
  void the_search_shortcut_finds_the_box_on_a_manual_with_a_heading_q() {
    publish("Raccourci Q", "## Q\nLa question.\n\n## R\nLa réponse.\n");
    signIn(assistant);
    open("/w/atelier/m/raccourci-q");
    driver.findElement(By.tagName("body")).click();
    driver.findElement(By.tagName("body")).sendKeys("/");
    assertEquals("top-search", driver.switchTo().activeElement().getAttribute("id"));
    assertNoAlert();
  }

  @Test
  void a_recruiter_shares_a_manual_and_the_candidate_reads_it() {
    publish("Accueil des nouveaux", "## Premier jour {#jour}\nPrésenter l'équipe et les outils.\n");
    signIn(recruiter);
    open("/w/atelier/m/accueil-des-nouveaux");
    driver.findElement(By.linkText("Share with a candidate")).click();
    driver.findElement(By.name("label")).sendKeys("Camille Leroy");
    driver
        .findElement(By.cssSelector("form[action='/w/atelier/shares'] button[type=submit]"))
        .click();
    String url =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".secret a")))
            .getText();
    assertTrue(url.contains("/s/"), url);
    assertEveryControlIsLabelled();
    screenshot("share-created");

    driver.manage().deleteAllCookies();
    open(url.substring(url.indexOf("/s/"))); // BASE_URL names port 0 in tests
    assertTrue(text().contains("Présenter l'équipe"));
    assertTrue(driver.findElements(By.cssSelector("a[href^='/w/']")).isEmpty(), "no way in");
    screenshot("candidate");
    driver.findElement(By.xpath("//button[normalize-space()=\"J'ai lu ce manuel\"]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("read"), "Merci"));

    signIn(recruiter);
    open("/w/atelier/shares");
    assertTrue(text().contains("Camille Leroy"));
    assertTrue(text().contains("✓"), text());
    screenshot("share-links");
  }

  @Test
  void the_language_switch_turns_the_interface_french_and_back() {
    signIn(assistant);
    open("/");
    assertTrue(text().contains("Your workspaces"));
    driver.findElement(By.cssSelector(".language-switch button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Vos espaces"));
    assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
    assertTrue(text().contains("À lire"));
    screenshot("home-fr");
    driver.findElement(By.cssSelector(".language-switch button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your workspaces"));
  }

  @Test
  void a_manual_full_of_hostile_markup_executes_nothing() {
    publish(
        "Piège",
        String.join(
            "\n\n", // each on its own block, so Markdown links are parsed as links
            List.of(
                "## Piège {#piege}",
                "<script>window.__pwned = 1; alert(1)</script>",
                "<img src=x onerror=\"window.__pwned = 2\">",
                "<svg onload=\"window.__pwned = 3\"><script>window.__pwned = 4</script></svg>",
                "[cliquez ici](javascript:window.__pwned=5)",
                "[données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "<a href=\"javascript:window.__pwned=6\" id=\"js-link\">lien</a>",
                "<iframe src=\"javascript:window.__pwned=7\"></iframe>",
                "<div style=\"position:fixed;inset:0;background:url(javascript:alert(1))\">css</div>",
                "<style>body { display: none }</style>",
                "<form action=\"https://evil.example\"><button formaction=\"javascript:alert(1)\">x</button></form>",
                "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned = 8\">",
                "<a href=\"#\" onclick=\"window.__pwned = 9\" id=\"click-me\">clic</a>",
                "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
                "")));
    signIn(assistant);
    open("/w/atelier/m/piege");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
    // The words of the dangerous links stay; their targets are gone. Any link left is clicked.
    assertTrue(text().contains("cliquez ici") && text().contains("données"), text());
    List<WebElement> links = driver.findElements(By.cssSelector(".markdown a"));
    for (int i = 0; i < links.size(); i++) {
      driver.findElements(By.cssSelector(".markdown a")).get(i).click();
      assertNoAlert();
      open("/w/atelier/m/piege");
    }
    assertNoAlert();
    assertNull(js("return window.__pwned === undefined ? null : window.__pwned;"));
    assertTrue(driver.findElement(By.tagName("h1")).isDisplayed(), "no style reached the page");
    assertEquals(
        0L,
        js(
            "return document.querySelectorAll('.markdown script, .markdown iframe, .markdown object, .markdown embed, .markdown style, .markdown form, .markdown svg').length;"));
    assertEquals(
        0L,
        js(
            "return Array.from(document.querySelectorAll('.markdown *')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on') || a.name === 'style' || /^\\s*(javascript|data):/i.test(a.value))).length;"));
    screenshot("hostile");
  }

  @Test
  void a_manual_reads_at_360_pixels_without_sideways_scrolling() {
    publish(
        "Tableau large",
        "## Tarifs {#tarifs}\n| a | b | c | d |\n|---|---|---|---|\n| "
            + "texte ".repeat(30)
            + "| 2 | 3 | 4 |\n\nhttps://exemple.fr/"
            + "tres-long-chemin-".repeat(10)
            + "\n");
    signIn(assistant);
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      open("/w/atelier/m/tableau-large");
      long width = (Long) js("return document.documentElement.scrollWidth;");
      long viewport = (Long) js("return document.documentElement.clientWidth;");
      assertTrue(width <= viewport, "page " + width + " px wide in a " + viewport + " px window");
      screenshot("manual-360");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  /** Every visible form control has a name a screen reader can announce. */
  private static void assertEveryControlIsLabelled() {
    Object unnamed =
        js(
            """
            return Array.from(document.querySelectorAll('input, select, textarea, button'))
              .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
              .filter(e => !(e.getAttribute('aria-label') || e.getAttribute('title')
                || (e.id && document.querySelector('label[for="' + e.id + '"]'))
                || e.closest('label')
                || (e.tagName === 'BUTTON' && e.textContent.trim())))
              .map(e => e.outerHTML.substring(0, 120));
            """);
    assertEquals(List.of(), unnamed, driver.getCurrentUrl());
  }

  /** The pages that keep someone's text after a colleague's change, as a phone shows them. */
  @Test
  void a_conflict_and_a_suggestion_on_a_gone_procedure_keep_the_text_at_360_pixels() {
    publish(
        "Relances clients",
        "## Relancer {#relancer}\nJ+15.\n\n## Archiver {#archiver}\nLe vendredi.\n");
    var manuals = app.app().services().manuals();
    signIn(editor);
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      open("/w/atelier/m/relances-clients/edit");
      // A colleague changes the language and the text meanwhile.
      manuals.save(
          workspace,
          "relances-clients",
          new Draft(
              "Relances clients",
              "en",
              List.of(),
              "",
              "## Relancer {#relancer}\nJ+10.\n\n## Archiver {#archiver}\nLe vendredi.\n",
              1,
              "",
              false,
              true),
          new Actor(editor.id(), "Colleague"));
      WebElement box = driver.findElement(By.name("markdown"));
      box.sendKeys(" Mon ajout, à garder.");
      driver.findElement(By.cssSelector("button[value=publish]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("del")));
      assertTrue(text().contains("Mon ajout, à garder."), text());
      assertEquals(
          "en",
          driver.findElement(By.cssSelector("select[name=language]")).getAttribute("value"),
          "the colleague's language is the one the form starts from");
      assertFits("conflict-360");

      signIn(assistant);
      open("/w/atelier/m/relances-clients/p/archiver/suggest");
      manuals.save(
          workspace,
          "relances-clients",
          new Draft(
              "Relances clients",
              "en",
              List.of(),
              "",
              "## Relancer {#relancer}\nJ+10.\n",
              2,
              "",
              false,
              true),
          new Actor(editor.id(), "Colleague"));
      driver.findElement(By.name("markdown")).sendKeys(" Et le lundi aussi.");
      driver
          .findElement(By.cssSelector("form[action$='/suggestions'] button[type=submit]"))
          .click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.tagName("body"), "Et le lundi aussi."));
      assertFits("suggestion-kept-360");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  private static void assertFits(String screenshot) {
    long width = (Long) js("return document.documentElement.scrollWidth;");
    long viewport = (Long) js("return document.documentElement.clientWidth;");
    screenshot(screenshot);
    assertTrue(width <= viewport, screenshot + ": " + width + " px wide in " + viewport);
  }

  @Test
  void a_manual_prints_one_procedure_per_page_without_the_navigation() throws IOException {
    publish(
        "Impression",
        "Introduction.\n\n## Premier {#premier}\nUn.\n\n## Deuxième {#deuxieme}\nDeux, voir"
            + " [le site](https://exemple.fr/aide).\n\n## Troisième {#troisieme}\nTrois.\n");
    signIn(assistant);
    open("/w/atelier/m/impression");
    // Once, a PDF of a blank page came back (887 bytes): print only what has been laid out.
    wait.until(
        ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".markdown.procedure"), 2));
    wait.until(d -> "complete".equals(js("return document.readyState;")));
    Pdf pdf = driver.print(new PrintOptions());
    byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
    Files.write(SCREENSHOTS.resolve("manual-print.pdf"), bytes);
    String raw = new String(bytes, StandardCharsets.ISO_8859_1);
    long pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(raw).results().count();
    assertTrue(pages >= 3, "a page per procedure, got " + pages);
    // Ctrl+P prints like the print page: the top bar, the crumbs, the list of procedures beside
    // the text and the buttons are not displayed when printing.
    js("document.querySelectorAll('link[rel=stylesheet]').forEach(l => l.media = 'all');");
    for (String part : List.of(".topbar", ".crumbs", ".toc", ".status-row", ".procedure-end")) {
      assertEquals(
          "none",
          js(
              "const s = [...document.styleSheets].flatMap(x => [...x.cssRules])"
                  + ".filter(r => r.media && r.media.mediaText === 'print')"
                  + ".flatMap(r => [...r.cssRules]).find(r => r.selectorText && r.selectorText.split(',').map(x => x.trim()).includes('"
                  + part
                  + "'));"
                  + " return s ? s.style.display : null;"),
          part);
    }
  }

  private static void assertNoAlert() {
    try {
      driver.switchTo().alert();
      fail("an alert opened");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  private static void publish(String title, String markdown) {
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(title, "fr", List.of(), "", markdown, null, "", false, true),
            null,
            new Actor(editor.id(), "Editor"));
  }

  @Test
  void the_account_page_shows_token_expiry_and_signing_out_everywhere_at_both_widths() {
    app.app().services().tokens().create(editor.id(), "Zapier", 30);
    signIn(editor);
    open("/account");
    assertTrue(driver.getPageSource().contains("Zapier"));
    assertTrue(driver.findElement(By.name("days")).isDisplayed());
    assertTrue(
        driver
            .findElement(By.cssSelector("form[action='/account/sign-out-everywhere'] button"))
            .isDisplayed());
    screenshot("account");
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      open("/account");
      screenshot("account-360");
      long width = (Long) js("return document.documentElement.scrollWidth;");
      long viewport = (Long) js("return document.documentElement.clientWidth;");
      assertTrue(width <= viewport, "page " + width + " px wide in a " + viewport + " px window");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  @Test
  void an_invited_person_with_an_account_signs_in_and_joins_with_one_button() {
    Account owner = app.account(workspace, Role.OWNER);
    Account invited = app.account(app.workspace("ailleurs"), Role.ASSISTANT);
    String token =
        app.app()
            .services()
            .memberships()
            .invite(workspace, invited.email(), Role.ASSISTANT, owner.id());
    driver.manage().deleteAllCookies();
    open("/invitations/" + token);
    assertTrue(driver.findElements(By.cssSelector("input[type=password]")).isEmpty());
    screenshot("invitation-sign-in");
    driver.findElement(By.cssSelector("a[href^='/login?next=']")).click();
    driver.findElement(By.name("email")).sendKeys(invited.email());
    driver.findElement(By.name("password")).sendKeys(TestApp.PASSWORD);
    driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/invitations/"));
    screenshot("invitation-join");
    driver.findElement(By.cssSelector("form[action^='/invitations/'] button")).click();
    wait.until(ExpectedConditions.urlContains("/w/atelier"));
  }

  /**
   * A screenshot with an account number (drawn as fine black and white squares) in its middle,
   * around a grey bar that stays as it is.
   */
  private static byte[] statementScreenshot() {
    BufferedImage image = TestImages.picture(400, 200);
    for (int y = 75; y < 125; y++) {
      for (int x = 150; x < 250; x++) {
        image.setRGB(x, y, ((x / 2 + y / 2) % 2 == 0) ? 0x000000 : 0xFFFFFF);
      }
    }
    return TestImages.encode(image, "png");
  }

  @Test
  void a_pasted_screenshot_is_blurred_in_the_browser_and_the_assistant_sees_only_that() {
    signIn(editor);
    open("/w/atelier/new");
    driver.findElement(By.name("title")).sendKeys("Rapprochement bancaire");
    WebElement markdown = driver.findElement(By.name("markdown"));
    markdown.sendKeys("## Relevé {#releve}\nOuvrir le relevé du mois.\n");
    ((JavascriptExecutor) driver)
        .executeScript(
            """
            const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], "image.png", {type: "image/png"}));
            const area = document.querySelector("textarea[name=markdown]");
            area.focus();
            area.setSelectionRange(area.value.length, area.value.length);
            area.dispatchEvent(new ClipboardEvent("paste",
                {clipboardData: data, bubbles: true, cancelable: true}));
            """,
            Base64.getEncoder().encodeToString(statementScreenshot()));
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("image-editor")));
    WebElement alt = dialog.findElement(By.name("alt"));
    assertEquals("Screenshot", alt.getAttribute("value"), "a pasted image's default alt text");
    alt.clear();
    alt.sendKeys("Relevé, numéro de compte flouté");
    // The keyboard alone: the tool, then Enter on the selection it proposes (the middle half).
    dialog.findElement(By.cssSelector("[data-tool=blur]")).click();
    assertEquals("picture", driver.switchTo().activeElement().getAttribute("class"));
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    assertEveryControlIsLabelled();
    screenshot("image-editor");
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      screenshot("image-editor-360");
      assertTrue(
          (Boolean)
              js(
                  "return document.querySelector('#image-editor canvas.picture')"
                      + ".getBoundingClientRect().right <= window.innerWidth"),
          "the image fits a phone's width");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
    dialog.findElement(By.cssSelector("[data-send]")).click();
    wait.until(d -> markdown.getAttribute("value").contains("/files/"));
    String text = markdown.getAttribute("value");
    assertTrue(
        text.matches(
            "(?s).*\\n\\n!\\[Relevé, numéro de compte flouté]\\(/w/atelier/files/[0-9a-f]{64}/image\\.png"
                + "\\?size=400x200\\)\\n.*"),
        text);
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#preview img[width='400']")));
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    wait.until(ExpectedConditions.urlContains("/m/rapprochement-bancaire"));

    signIn(assistant);
    open("/w/atelier/m/rapprochement-bancaire");
    WebElement image = driver.findElement(By.cssSelector(".markdown a > img"));
    assertEquals("Relevé, numéro de compte flouté", image.getAttribute("alt"));
    wait.until(
        d -> (Boolean) js("return document.querySelector('.markdown img').naturalWidth > 0"));
    screenshot("manual-with-screenshot");
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      screenshot("manual-with-screenshot-360");
      assertTrue(
          (Boolean)
              js(
                  "return document.querySelector('.markdown img').getBoundingClientRect().right"
                      + " <= window.innerWidth"),
          "the screenshot shows at most the text width");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
    String sha = image.getAttribute("src").replaceAll(".*/files/([0-9a-f]{64})/.*", "$1");
    byte[] stored =
        app.app()
            .services()
            .database()
            .dsl()
            .select(Tables.STORED_FILE.CONTENT)
            .from(Tables.STORED_FILE)
            .where(Tables.STORED_FILE.SHA256.eq(sha))
            .fetchOne(Tables.STORED_FILE.CONTENT);
    BufferedImage kept = TestImages.decode(stored);
    int black = 0;
    for (int y = 75; y < 125; y++) {
      for (int x = 150; x < 250; x++) {
        if ((kept.getRGB(x, y) & 0xFFFFFF) == 0) {
          black++;
        }
      }
    }
    assertEquals(0, black, "none of the account number's black squares reached the server");
    assertEquals(0x808080, kept.getRGB(50, 5) & 0xFFFFFF, "outside the selection, as it was");
  }

  @Test
  void on_a_phone_each_procedure_ends_with_its_confirmation_and_a_change_links_to_itself() {
    String longText =
        "Un paragraphe de la procédure, assez long pour remplir l'écran.\n\n".repeat(25);
    publish("Long", "## Un {#un}\n" + longText + "## Deux {#deux}\n" + longText);
    signIn(assistant);
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      open("/w/atelier/m/long");
      WebElement end = driver.findElement(By.cssSelector(".procedure-end button"));
      long gap =
          (Long)
              js(
                  "return Math.round(document.getElementById('deux').getBoundingClientRect().top"
                      + " - document.querySelector('.procedure-end button')"
                      + ".getBoundingClientRect().bottom)");
      assertTrue(gap >= 0 && gap < 200, "the button ends procedure one, just above two: " + gap);
      js("document.querySelector('.procedure-end button').scrollIntoView()");
      screenshot("procedure-end-360");
      end.click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector(".procedure-end"), "Lu (version 1)"));
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
    app.app()
        .services()
        .manuals()
        .save(
            workspace,
            "long",
            new Draft(
                "Long",
                "fr",
                List.of(),
                "",
                "## Un {#un}\nTout a changé.\n\n## Deux {#deux}\n" + longText,
                1,
                "",
                false,
                true),
            new Actor(editor.id(), "Editor"));
    open("/w/atelier/m/long");
    WebElement changed = driver.findElement(By.cssSelector(".procedure-end a.badge"));
    String target = changed.getAttribute("href");
    assertTrue(target.matches(".*/inbox#change-\\d+"), target);
    changed.click();
    wait.until(ExpectedConditions.urlContains("/inbox"));
    String id = target.substring(target.indexOf('#') + 1);
    assertTrue(driver.findElement(By.id(id)).getText().contains("Un"), "the change is listed");
  }

  @Test
  void an_assistant_asks_with_a_screenshot_on_a_phone_and_reads_the_answer_under_the_procedure()
      throws IOException {
    publish(
        "Notes de frais du cabinet",
        "## Rembourser {#rembourser}\n1. Ouvrir le tableur des frais.\n2. Payer avec la carte"
            + " bleue.\n\n## Classer {#classer}\nRanger les reçus.\n");
    String manual = "/w/atelier/m/notes-de-frais-du-cabinet";
    Path picture = Files.createTempFile("ecran", ".png");
    Files.write(picture, TestImages.png(320, 200));
    signIn(assistant);
    driver.manage().window().setSize(new Dimension(360, 740));
    try {
      open(manual);
      driver.findElement(By.cssSelector("a[href='" + manual + "/p/rembourser/ask']")).click();
      wait.until(ExpectedConditions.urlContains("/ask"));
      new Select(driver.findElement(By.name("quote")))
          .selectByVisibleText("Payer avec la carte bleue.");
      driver.findElement(By.name("body")).sendKeys("Quelle carte : la bleue perso ou la société ?");
      // A picture over the limit is refused in the page, before the form goes (the server could
      // only answer a bare "too large" page).
      WebElement file = driver.findElement(By.name("file"));
      Path huge = Files.createTempFile("trop-grand", ".png");
      try (var out = new RandomAccessFile(huge.toFile(), "rw")) {
        out.setLength(Long.parseLong(file.getAttribute("data-max-bytes")) + 1);
      }
      file.sendKeys(huge.toString());
      assertEquals(
          Boolean.FALSE, js("return document.querySelector('input[name=file]').validity.valid;"));
      file.sendKeys(picture.toString());
      assertEquals(
          Boolean.TRUE, js("return document.querySelector('input[name=file]').validity.valid;"));
      Files.delete(huge);
      screenshot("question-ask-360");
      // A second submit while the first is on its way is held back (a double click made two
      // questions); the guard is lifted again before the real click.
      assertEquals(
          List.of(false, true),
          js(
              "var f = document.querySelector('form[enctype]');"
                  + " var a = new Event('submit', {cancelable: true});"
                  + " var b = new Event('submit', {cancelable: true});"
                  + " f.dispatchEvent(a); f.dispatchEvent(b); delete f.dataset.sending;"
                  + " return [a.defaultPrevented, b.defaultPrevented];"));
      driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/questions/"));
      assertTrue(text().contains("Quelle carte"), text());
      assertTrue(
          (Boolean)
              js(
                  "var i = document.querySelector('.thread img'); return !!i && i.complete && i.naturalWidth > 0;"),
          "the screenshot shows in the thread");
      long width = (Long) js("return document.documentElement.scrollWidth;");
      assertTrue(width <= 360, "the thread fits a phone: " + width);
      screenshot("question-thread-360");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
    String thread = driver.getCurrentUrl().replaceAll("\\?.*", "");

    signIn(editor);
    driver.get(thread);
    driver.findElement(By.name("body")).sendKeys("La carte **société**, toujours.");
    driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread"), "société"));
    driver.findElement(By.cssSelector("form[action$='/public'] button")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("form[action$='/public'] input[value=no]")));
    screenshot("question-answered");

    signIn(assistant);
    open("/inbox");
    assertTrue(text().contains("1 of your questions has a new answer."), text());
    open(manual);
    driver.findElement(By.cssSelector("details.faq summary")).click();
    assertTrue(text().contains("La carte société, toujours."), text());
    screenshot("procedure-faq");

    // The review page lists the editor's work; at both widths.
    signIn(editor);
    open("/w/atelier/review");
    screenshot("review-page");
  }

  @Test
  void every_page_fits_a_360_pixel_phone_and_the_top_bar_stays_small() {
    var services = app.app().services();
    Account owner = app.account(workspace, Role.OWNER);
    Account admin =
        services
            .accounts()
            .create("admin-phone@test.example", "Admin", "en", TestApp.PASSWORD, true, null);
    services.memberships().addMember(workspace, admin.id(), Role.OWNER, owner.id());
    publish(
        "Rapprochement bancaire mensuel du cabinet",
        "## Pointer les relevés {#pointer}\nChaque **lundi**, pointer les relevés.\n\n"
            + "| Banque | Compte | Fréquence |\n|---|---|---|\n| Crédit Agricole | 0123456789 | hebdomadaire |\n");
    services
        .manuals()
        .save(
            workspace,
            "rapprochement-bancaire-mensuel-du-cabinet",
            new Draft(
                "Rapprochement bancaire mensuel du cabinet",
                "fr",
                List.of("comptabilité", "banque"),
                "",
                "## Pointer les relevés {#pointer}\nChaque **mardi**, pointer les relevés.\n\n"
                    + "| Banque | Compte | Fréquence |\n|---|---|---|\n| Crédit Agricole | 0123456789 | mensuelle |\n",
                1,
                "",
                false,
                true),
            new Actor(editor.id(), "Editor"));
    services.shelf().createCollection(workspace, "Comptabilité et banque", Actor.SYSTEM);
    String manual = "/w/atelier/m/rapprochement-bancaire-mensuel-du-cabinet";
    // Issue 24's pages, with something on each.
    Actor asAssistant = new Actor(assistant.id(), "Assistant");
    var question =
        services
            .questions()
            .ask(
                workspace,
                Role.ASSISTANT,
                asAssistant,
                "rapprochement-bancaire-mensuel-du-cabinet",
                "pointer",
                "Chaque mardi, pointer les relevés.",
                "Et quand le mardi est férié, on pointe le lundi ou le mercredi ? Le relevé du"
                    + " Crédit Agricole n'arrive parfois que le jeudi.",
                null);
    var suggestion =
        services
            .suggestions()
            .propose(
                workspace,
                Role.ASSISTANT,
                asAssistant,
                "rapprochement-bancaire-mensuel-du-cabinet",
                "pointer",
                2,
                "## Pointer les relevés {#pointer}\nChaque **mardi**, pointer les relevés, ou le"
                    + " mercredi quand le mardi est férié.\n\n| Banque | Compte | Fréquence |\n|---|---|---|\n"
                    + "| Crédit Agricole | 0123456789 | mensuelle |\n",
                "Jours fériés",
                null,
                null);
    services
        .reviews()
        .flag(
            workspace,
            Role.ASSISTANT,
            asAssistant,
            "rapprochement-bancaire-mensuel-du-cabinet",
            "pointer",
            "La banque envoie maintenant les relevés par l'application.");
    List<String> ownerPages =
        List.of(
            "/",
            "/w/atelier",
            "/w/atelier?organize",
            manual,
            manual + "/history",
            manual + "/diff?from=1&to=2",
            manual + "/edit",
            manual + "/share",
            manual + "/print",
            "/w/atelier/new",
            "/w/atelier/import",
            "/w/atelier/acknowledgements",
            "/w/atelier/shares",
            "/w/atelier/members",
            "/w/atelier/webhooks",
            "/search?q=relev%C3%A9s",
            "/search?q=relev%C3%A9s%20licorne",
            "/inbox",
            "/account",
            "/admin",
            "/w/atelier/shares/new",
            "/w/atelier/review",
            "/w/atelier/insights",
            manual + "/review",
            "/w/atelier/questions",
            question.url(),
            "/w/atelier/suggestions",
            suggestion.url(),
            manual + "/suggest");
    List<String> problems = new ArrayList<>();
    driver.manage().window().setSize(new Dimension(360, 740));
    try {
      for (String path : List.of("/login", "/password/forgot")) {
        driver.manage().deleteAllCookies();
        checkPhone(path, problems);
      }
      signIn(admin);
      for (String path : ownerPages) {
        checkPhone(path, problems);
      }
      signIn(assistant);
      for (String path :
          List.of(
              "/",
              "/w/atelier",
              manual,
              "/inbox",
              "/questions",
              question.url(),
              suggestion.url(),
              manual + "/p/pointer/ask",
              manual + "/p/pointer/suggest",
              manual + "/p/pointer/flag")) {
        checkPhone(path, problems);
      }
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void the_toolbar_edits_the_markdown_at_the_cursor_with_buttons_and_shortcuts() {
    signIn(editor);
    open("/w/atelier/new");
    WebElement box = driver.findElement(By.name("markdown"));
    WebElement bar = driver.findElement(By.cssSelector("[data-md-toolbar]"));
    assertTrue(bar.isDisplayed(), "the script shows the toolbar");
    assertFalse(text().contains("{#"), "the key syntax waits behind its 'permanent link' hint");
    driver.findElement(By.cssSelector("details.cheat-sheet > summary")).click();
    driver.findElement(By.cssSelector("details.cheat-sheet details.hint > summary")).click();
    assertTrue(text().contains("{#"), "and is there for who opens it");
    box.click();
    driver.findElement(By.cssSelector("[data-md=procedure]")).click();
    assertEquals("## Name of the procedure", box.getAttribute("value"));
    assertEquals("Name of the procedure", selected());
    box.sendKeys(
        "Book a flight", Keys.END, Keys.ENTER, "Always economy", Keys.ENTER, "Never before 7");
    // Select "economy" and make it bold with the shortcut.
    js(
        "const b = document.querySelector('textarea[name=markdown]'); const at = b.value.indexOf('economy'); b.setSelectionRange(at, at + 7);");
    box.sendKeys(Keys.chord(Keys.CONTROL, "b"));
    assertTrue(box.getAttribute("value").contains("Always **economy**"), box.getAttribute("value"));
    // Number the two lines of steps with the button.
    js(
        "const b = document.querySelector('textarea[name=markdown]'); const at = b.value.indexOf('Always'); b.setSelectionRange(at, b.value.length);");
    driver.findElement(By.cssSelector("[data-md=numbers]")).click();
    assertTrue(
        box.getAttribute("value").endsWith("1. Always **economy**\n2. Never before 7"),
        box.getAttribute("value"));
    // The preview follows, as with typing.
    wait.until(d -> d.findElement(By.id("preview")).getAttribute("innerHTML").contains("<ol>"));
    // The toolbar is one Tab stop, its buttons reached with the arrow keys.
    driver.findElement(By.cssSelector("[data-md=procedure]")).sendKeys(Keys.ARROW_RIGHT);
    assertEquals("heading", driver.switchTo().activeElement().getAttribute("data-md"));
    assertEveryControlIsLabelled();
    screenshot("editor-toolbar");
  }

  @Test
  void a_text_over_the_limit_is_not_sent_and_stays_in_the_editor() {
    signIn(editor);
    open("/w/atelier/new");
    driver.findElement(By.name("title")).sendKeys("Trop long");
    WebElement form = driver.findElement(By.cssSelector("form[data-max-bytes]"));
    long max = Long.parseLong(form.getAttribute("data-max-bytes"));
    // "é" is two bytes: a little over the limit in bytes, half of it in characters.
    js(
        "document.querySelector('textarea[name=markdown]').value = '## Un\\n' + 'é'.repeat("
            + (max / 2 + 10)
            + ");");
    String page = driver.getCurrentUrl();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement alert = wait.until(d -> d.findElement(By.cssSelector(".too-large")));
    assertTrue(alert.getText().contains("it was not sent and is still here"), alert.getText());
    assertEquals(page, driver.getCurrentUrl(), "nothing was sent");
    assertEquals(
        max / 2 + 10 + 6,
        ((Number) js("return document.querySelector('textarea[name=markdown]').value.length"))
            .longValue(),
        "the text is still in the editor");
  }

  @Test
  void an_editor_organizes_the_workspace_archives_after_confirming_and_reads_a_change_as_text() {
    publish("Classement A", "## Un {#un}\nLe lundi.\n");
    publish("Classement B", "## Deux {#deux}\nLe mardi.\n");
    signIn(editor);
    open("/w/atelier?organize");
    driver
        .findElement(By.cssSelector("form.new-collection input[name=name]"))
        .sendKeys("Rangement");
    driver.findElement(By.cssSelector("form.new-collection button")).click();
    wait.until(ExpectedConditions.urlContains("organize"));
    WebElement move =
        driver.findElement(By.cssSelector("form[action='/w/atelier/m/classement-b/collection']"));
    new Select(move.findElement(By.name("collection"))).selectByVisibleText("Rangement");
    move.findElement(By.cssSelector("button")).click();
    wait.until(ExpectedConditions.urlContains("organize"));
    String section = driver.findElement(By.xpath("//section[h2[text()='Rangement']]")).getText();
    assertTrue(section.contains("Classement B"), section);
    screenshot("organize");

    // Archiving asks first, on a page of its own; Cancel leaves everything as it was.
    open("/w/atelier/m/classement-a");
    driver.findElement(By.cssSelector("form[action$='/archive'] button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.confirm")));
    assertTrue(text().contains("Archive “Classement A”?"), text());
    screenshot("confirm-archive");
    driver.findElement(By.cssSelector("section.confirm a.secondary")).click();
    wait.until(ExpectedConditions.urlToBe(app.url("/w/atelier/m/classement-a")));
    assertFalse(text().contains("Archived on"));
    driver.findElement(By.cssSelector("form[action$='/archive'] button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.confirm")));
    driver.findElement(By.cssSelector("section.confirm button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".archived-note")));

    // A change reads as text: no Markdown marks, the removed and the added block marked.
    app.app()
        .services()
        .manuals()
        .save(
            workspace,
            "classement-b",
            new Draft(
                "Classement B",
                "fr",
                List.of(),
                "",
                "## Deux {#deux}\nLe **jeudi**.\n",
                1,
                "",
                false,
                true),
            new Actor(editor.id(), "Editor"));
    open("/w/atelier/m/classement-b/diff?from=1&to=2");
    WebElement added = driver.findElement(By.cssSelector(".rdiff .rd-added"));
    assertTrue(added.isDisplayed());
    assertTrue(added.getText().contains("Le jeudi."), added.getText());
    assertFalse(added.getText().contains("**"), "no Markdown marks");
    assertTrue(
        driver.findElement(By.cssSelector(".rdiff .rd-removed")).getText().contains("Le mardi."));
    assertFalse(
        driver.findElement(By.cssSelector(".diff")).isDisplayed(), "the source is one click away");
    screenshot("diff-rendered");
  }

  @Test
  void a_candidate_reads_several_shared_manuals_on_a_phone_and_confirms() {
    publish("Accueil candidat", "## Premier jour {#jour}\nArriver à 9 h.\n");
    publish("Outils du cabinet", "## Agenda {#agenda}\nGoogle Agenda partagé.\n");
    var created =
        app.app()
            .services()
            .shares()
            .create(
                workspace,
                new ShareService.Request(
                    List.of("accueil-candidat", "outils-du-cabinet"), "Nina", 7, List.of(), false),
                new Actor(recruiter.id(), "Recruiter"));
    driver.manage().deleteAllCookies();
    driver.manage().window().setSize(new Dimension(360, 740));
    try {
      open(created.url().substring(created.url().indexOf("/s/")));
      assertTrue(text().contains("Manuels partagés avec vous"), text());
      assertTrue(text().contains("Arriver à 9 h.") && text().contains("Google Agenda partagé."));
      long width = (Long) js("return document.documentElement.scrollWidth;");
      long viewport = (Long) js("return document.documentElement.clientWidth;");
      assertTrue(width <= viewport, "page " + width + " px wide in a " + viewport + " px window");
      driver.findElement(By.cssSelector("a[href='#m2-agenda']")).click();
      screenshot("candidate-several-360");
      driver.findElement(By.cssSelector("#read button")).click();
      wait.until(ExpectedConditions.urlContains("read=1"));
      assertTrue(text().contains("Merci"), text());
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  @Test
  void a_new_assistant_is_told_what_to_read_and_confirms_in_bulk_only_what_was_opened() {
    Workspace empty = app.workspace("tout-neuf");
    Account client = app.account(empty, Role.OWNER);
    signIn(client);
    open("/w/tout-neuf");
    assertTrue(text().contains("How to start"), text());
    assertTrue(driver.findElement(By.cssSelector("a[href='/w/tout-neuf/import']")).isDisplayed());
    screenshot("empty-workspace");

    var services = app.app().services();
    for (String title : List.of("Courrier du matin", "Notes de frais")) {
      services
          .manuals()
          .create(
              empty,
              new Draft(
                  title,
                  "fr",
                  List.of(),
                  "",
                  "## Étape {#etape}\nFaire ceci.\n",
                  null,
                  "",
                  false,
                  true),
              null,
              new Actor(client.id(), "Client"));
    }
    Account newcomer = app.account(empty, Role.ASSISTANT);
    signIn(newcomer);
    open("/");
    driver.findElement(By.partialLinkText("2 procedures to read")).click();
    wait.until(ExpectedConditions.urlContains("/inbox"));
    assertTrue(driver.findElements(By.name("version")).isEmpty(), "nothing opened yet");
    driver.findElement(By.linkText("Étape")).click();
    wait.until(ExpectedConditions.urlContains("/m/"));
    open("/inbox");
    assertEquals(1, driver.findElements(By.name("version")).size(), "the opened one only");
    driver.findElement(By.name("version")).click();
    driver.findElement(By.cssSelector("form[action='/inbox'] button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("done=1"));
    assertTrue(text().contains("1 procedure confirmed."), text());
    screenshot("inbox-after-bulk");
  }

  private static Object selected() {
    return js(
        "const b = document.querySelector('textarea[name=markdown]');"
            + " return b.value.substring(b.selectionStart, b.selectionEnd);");
  }

  /**
   * Opens a page at phone width: no sideways scrolling, a top bar of at most 15 % of the height.
   */
  private static void checkPhone(String path, List<String> problems) {
    open(path);
    long width = (Long) js("return document.documentElement.scrollWidth;");
    long viewport = (Long) js("return document.documentElement.clientWidth;");
    if (width > viewport) {
      Object wide =
          js(
              """
              return Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ');
              """);
      problems.add(path + ": " + width + " px wide (" + wide + ")");
    }
    Object bar =
        js(
            "var b = document.querySelector('.topbar'); return b ? b.getBoundingClientRect().height / window.innerHeight : 0;");
    double share = ((Number) bar).doubleValue();
    if (share > 0.15) {
      problems.add(path + ": the top bar takes " + Math.round(share * 100) + " % of the screen");
    }
    // Results come before the counts that narrow them: the first hit is on the first screen.
    Object firstHit =
        js(
            "var h = document.querySelector('.hits li'); return h ? h.getBoundingClientRect().bottom / window.innerHeight : 0;");
    if (((Number) firstHit).doubleValue() > 1) {
      problems.add(path + ": the first result is below the first screen");
    }
    screenshot("phone" + path.replaceAll("[^a-z0-9]+", "-"));
  }

  @Test
  void an_assistant_runs_a_procedure_step_by_step_and_sees_a_colleagues_tick_without_reloading()
      throws IOException {
    publish(
        "Compta du mois",
        "## Rapprochement bancaire {#rapprochement}\n\nChaque mois.\n\n"
            + "1. Exporter le relevé depuis la banque.\n"
            + "2. Pointer chaque ligne dans le logiciel.\n"
            + "3. Envoyer le résumé au client.\n");
    signIn(assistant);
    open("/w/atelier/m/compta-du-mois");
    driver.findElement(By.linkText("Run as a checklist")).click();
    // Never confirmed: the procedure is shown to be read first.
    wait.until(
            ExpectedConditions.elementToBeClickable(By.xpath("//button[.=\"J'ai lu et compris\"]")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[.='Start the run']")))
        .click();
    wait.until(ExpectedConditions.urlMatches(".*/w/atelier/runs/\\d+$"));
    long runId = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/runs/", ""));
    driver.findElement(By.cssSelector("#step-1 button[value=done]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#step-1"), "Done"));
    // A screenshot of the statement as evidence on the first step.
    Path evidence = Files.createTempFile("releve", ".png");
    Files.write(evidence, TestImages.png(60, 40));
    driver
        .findElement(By.cssSelector("#step-1 input[type=file]"))
        .sendKeys(evidence.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("#step-1 .step-file button")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-1 .step-files img")));
    driver.findElement(By.cssSelector("#step-2 input[name=note]")).sendKeys("Ligne 14 introuvable");
    driver.findElement(By.cssSelector("#step-2 button[value=problem]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#step-2"), "Ligne 14 introuvable"));
    // A colleague ticks the last step elsewhere: it shows here within the page's polling.
    Account colleague = app.account(workspace, Role.EDITOR);
    app.app()
        .services()
        .runs()
        .tick(
            workspace,
            Role.EDITOR,
            new Actor(colleague.id(), "Colleague"),
            runId,
            3,
            "done",
            "",
            null);
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#step-3"), colleague.displayName()));
    assertNoAlert();
    assertEveryControlIsLabelled();
    screenshot("run");
    reloadOnAPhone("run-360");
    driver.findElement(By.xpath("//button[.='Finish the run']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("body"), "Finished with problems"));
    screenshot("run-finished");
    open("/w/atelier/runs");
    assertTrue(text().contains("Done with problems"), text());
    assertEveryControlIsLabelled();
    screenshot("runs");
    reloadOnAPhone("runs-360");
  }

  @Test
  void an_editor_schedules_a_procedure_every_month_on_its_last_working_day() {
    publish(
        "Compta récurrente",
        "## Relevés {#releves}\n\n1. Télécharger les relevés.\n2. Les classer.\n");
    signIn(editor);
    open("/w/atelier/m/compta-recurrente");
    driver.findElement(By.linkText("Schedule")).click();
    wait.until(ExpectedConditions.urlContains("/p/releves/schedules"));
    new Select(driver.findElement(By.name("frequency"))).selectByValue("monthly");
    new Select(driver.findElement(By.name("day"))).selectByValue("last");
    new Select(driver.findElement(By.name("assignee")))
        .selectByVisibleText(assistant.displayName());
    driver.findElement(By.xpath("//button[.='Schedule']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("body"), "Every month on its last working day"));
    assertNoAlert();
    assertEveryControlIsLabelled();
    screenshot("schedules");
    reloadOnAPhone("schedules-360");
  }

  @Test
  void an_editor_sees_a_paused_schedule_a_refused_close_and_a_demotion_s_revoked_link() {
    // A workspace of its own: the other tests count the manuals and members of theirs.
    Workspace bureau = app.workspace("bureau");
    Account editor = app.account(bureau, Role.EDITOR);
    Account assistant = app.account(bureau, Role.ASSISTANT);
    var manuals = app.app().services().manuals();
    manuals.create(
        bureau,
        new Draft(
            "Compta en pause",
            "fr",
            List.of(),
            "",
            "## Pointage {#pointage}\n\n1. Exporter.\n2. Pointer.\n",
            null,
            "",
            false,
            true),
        null,
        new Actor(editor.id(), "Editor"));
    app.app()
        .services()
        .schedules()
        .schedule(
            bureau,
            Role.EDITOR,
            new Actor(editor.id(), "Editor"),
            "compta-en-pause",
            "pointage",
            "daily",
            "",
            String.valueOf(assistant.id()),
            "0");
    var latest = manuals.latest(manuals.require(bureau, "compta-en-pause"));
    manuals.save(
        bureau,
        "compta-en-pause",
        new Draft(
            latest.title(),
            "fr",
            List.of(),
            "",
            "## Pointage {#pointage}\n\nExporter puis pointer.\n",
            latest.number(),
            "",
            false,
            true),
        new Actor(editor.id(), "Editor"));
    signIn(editor);
    open("/w/bureau/runs");
    assertTrue(text().contains("Paused: the procedure has no steps"), text());
    screenshot("runs-paused");
    reloadOnAPhone("runs-paused-360");

    // A follow-up arrives while the editor has the thread open: closing it is refused, with why.
    Browser asker = app.signedIn(bureau, Role.ASSISTANT);
    var asked =
        asker.post(
            "/w/bureau/m/compta-en-pause/p/pointage/questions",
            TestApp.form("quote", "", "body", "Quel relevé prendre ?"));
    assertEquals(303, asked.statusCode(), asked.body());
    String location = asked.headers().firstValue("Location").orElseThrow();
    String thread = location.substring(0, location.indexOf('?'));
    open(thread);
    asker.post(thread + "/messages", TestApp.form("body", "Et si le relevé est vide ?"));
    driver.findElement(By.xpath("//button[.='Close the question']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("body"), "Et si le relevé est vide ?"));
    assertTrue(text().contains("read the new message"), text());
    assertNoAlert();
    screenshot("question-close-refused");
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      assertFits("question-close-refused-360");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }

    // An owner makes a recruiter an assistant: the link they made is revoked, and the page says so.
    Account owner = app.account(bureau, Role.OWNER);
    Account sharer = app.account(bureau, Role.RECRUITER);
    app.app()
        .services()
        .shares()
        .create(
            bureau,
            new ShareService.Request("compta-en-pause", "Camille", 7, List.of(), false),
            new Actor(sharer.id(), "Recruiter"));
    signIn(owner);
    open("/w/bureau/members");
    WebElement row = driver.findElement(By.xpath("//tr[td[.='" + sharer.email() + "']]"));
    new Select(row.findElement(By.name("role"))).selectByValue("assistant");
    row.findElement(By.xpath(".//button[.='Change']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("body"), "the candidate link they had made is revoked"));
    screenshot("members-demoted");
    reloadOnAPhone("members-demoted-360");
  }

  /** The page again at 360 pixels: nothing wider than the screen; a screenshot of it. */
  private static void reloadOnAPhone(String screenshotName) {
    driver.manage().window().setSize(new Dimension(360, 800));
    try {
      driver.navigate().refresh();
      long width = (Long) js("return document.documentElement.scrollWidth;");
      long viewport = (Long) js("return document.documentElement.clientWidth;");
      assertTrue(width <= viewport, "page " + width + " px wide in a " + viewport + " px window");
      screenshot(screenshotName);
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }
}
