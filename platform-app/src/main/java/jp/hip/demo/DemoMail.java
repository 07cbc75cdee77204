package jp.hip.demo;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jp.hip.identity.mail.MailCatcher;

/**
 * The demo's mail (ADR 0009): an embedded GreenMail SMTP server on a free loopback port catches every mail the
 * platform sends, and platform administrators read them at /admin/mail. Only in the {@code demo} profile; elsewhere
 * {@code spring.mail.*} names a real SMTP server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoMail {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail demoMailServer() {
        return new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Bean
    JavaMailSender demoMailSender(GreenMail demoMailServer) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(demoMailServer.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        return sender;
    }

    @Bean
    MailCatcher demoMailbox(GreenMail demoMailServer) {
        return () -> {
            List<MailCatcher.CaughtMail> caught = new ArrayList<>();
            for (MimeMessage message : demoMailServer.getReceivedMessages()) {
                try {
                    caught.add(0, new MailCatcher.CaughtMail(
                            message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                                    : message.getSentDate() != null ? message.getSentDate().toInstant() : java.time.Instant.now(),
                            String.valueOf(message.getFrom()[0]), String.join(", ",
                                    java.util.Arrays.stream(message.getAllRecipients()).map(String::valueOf).toList()),
                            message.getSubject(), String.valueOf(message.getContent())));
                } catch (MessagingException | java.io.IOException e) {
                    caught.add(0, new MailCatcher.CaughtMail(java.time.Instant.now(), "?", "?", "(unreadable mail)", e.getClass().getSimpleName()));
                }
            }
            return caught;
        };
    }
}
