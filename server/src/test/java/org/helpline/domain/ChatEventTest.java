package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChatEventTest {
    @Test
    void everyTypeIsReadBackFromItsWireNameAndAnyOtherIsOther() {
        for (ChatEvent type : ChatEvent.values()) {
            assertEquals(type, ChatEvent.of(type.wireName()));
        }
        assertEquals("outcome_recorded", ChatEvent.OUTCOME_RECORDED.wireName());
        assertEquals(ChatEvent.OTHER, ChatEvent.of("location_shared"), "passed on as published");
        assertEquals(ChatEvent.OTHER, ChatEvent.of("MESSAGE"));
        assertEquals(ChatEvent.OTHER, ChatEvent.of(null));
    }
}
