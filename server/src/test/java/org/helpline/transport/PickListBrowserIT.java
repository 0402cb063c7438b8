package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.helpline.support.Browser;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's list of waiting chats she may take, for an association that picks: with no free place left, the list
 * still shows who waits, but "Take this chat" is disabled and a line says why; it comes back once a place is free.
 */
class PickListBrowserIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("picker.nadia", 1))); // of the direct test association, which allows picking

    private static By take(String conversation) {
        return By.cssSelector("#waiting-list li[data-conversation='" + conversation + "'] button.pick");
    }

    private static By replyBox(String conversation) {
        return By.cssSelector("section.chat[data-conversation='" + conversation + "'] textarea.text");
    }

    @Test
    void withNoFreePlaceTheListStaysButTakeIsDisabledAndSaysWhy() {
        Helpline.Visitor first = helpline.visitor(0, new JsonObject());
        Helpline.Visitor second = null;
        try (Browser counsellor = Browser.open(1280, 900)) {
            counsellor.get("http://localhost:" + helpline.port(0) + "/console/");
            counsellor.logIn("picker.nadia", TestConfig.PASSWORD);
            counsellor.visible(By.id("workspace"));
            // away, as a console starts: nothing comes by itself, she takes the chat from the list
            counsellor.click(take(first.conversation()));
            counsellor.visible(replyBox(first.conversation()));
            first.socket().next("assigned");

            second = helpline.visitor(0, new JsonObject());
            WebElement button = counsellor.visible(take(second.conversation()));
            counsellor.waiting().withMessage("Take disabled: her only place is taken").until(driver ->
                    !button.isEnabled());
            WebElement why = counsellor.visible(By.id("waiting-full"));
            assertTrue(why.getText().contains("You have no free place"), why.getText());
            assertEquals("waiting-full", button.getAttribute("aria-describedby"));
            assertEquals("Take this chat", button.getText(), "not a pick under way");

            first.end(); // her chat ends: her place is free again
            counsellor.waiting().withMessage("Take enabled again").until(driver -> button.isEnabled());
            assertFalse(counsellor.find(By.id("waiting-full")).isDisplayed());
            button.click();
            counsellor.visible(replyBox(second.conversation()));
            second.socket().next("assigned");
        } finally {
            if (second != null) {
                second.end();
            }
        }
    }
}
