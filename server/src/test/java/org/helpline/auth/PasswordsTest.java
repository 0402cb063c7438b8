package org.helpline.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void hashesAreSaltedAndVerify() {
        String first = Passwords.hash("correct horse battery", 10_000);
        String second = Passwords.hash("correct horse battery", 10_000);
        assertTrue(first.startsWith("$pbkdf2$it=10000$"));
        assertNotEquals(first, second);
        assertTrue(Passwords.verify(first, "correct horse battery"));
        assertFalse(Passwords.verify(first, "correct horse battery!"));
        assertFalse(Passwords.verify("not a hash", "anything"));
    }
}
