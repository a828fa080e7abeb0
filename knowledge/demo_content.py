# ruff: noqa: E501  (prose content: long lines read better than split strings)
"""The demo knowledge base of a home-appliance retailer. Articles in English, Dutch and German
here, and in the other shipped languages in ``knowledge.demo_articles``; community threads in
English, Dutch and German.

Each article: (slug, kind, topic, reason slugs, item kinds, tags, {language: (title, summary,
body)}). Bodies use the small markup of ``knowledge.richtext``.
"""

from typing import Any

from knowledge.demo_articles import TRANSLATIONS

A = "article"
F = "faq"

ARTICLES: list[
    tuple[str, str, str, list[str], list[str], list[str], dict[str, tuple[str, str, str]]]
] = [
    # --- Deliveries
    (
        "track-your-delivery",
        A,
        "deliveries",
        ["where-is-my-order"],
        ["order"],
        ["delivery", "tracking"],
        {
            "en": (
                "Track your delivery",
                "Follow your order from our warehouse to your door.",
                "Every order gets a tracking code from our carrier HomeFreight as soon as it leaves the warehouse.\n\n"
                "## Where to find it\n- Open **My Stuff** and choose the order\n- The tracking code and the carrier are on the order\n- You also get it by email on the day of dispatch\n\n"
                "On the day of delivery you receive a two-hour time slot by text message in the morning.",
            ),
            "nl": (
                "Je bezorging volgen",
                "Volg je bestelling van ons magazijn tot aan je deur.",
                "Elke bestelling krijgt een trackingcode van onze vervoerder HomeFreight zodra die het magazijn verlaat.\n\n"
                "## Waar vind je hem\n- Open **Mijn spullen** en kies de bestelling\n- De trackingcode en de vervoerder staan bij de bestelling\n- Je krijgt hem ook per e-mail op de dag van verzending\n\n"
                "Op de bezorgdag krijg je 's ochtends per sms een tijdvak van twee uur.",
            ),
            "de": (
                "Ihre Lieferung verfolgen",
                "Verfolgen Sie Ihre Bestellung vom Lager bis an die Haustür.",
                "Jede Bestellung erhält eine Sendungsnummer unseres Spediteurs HomeFreight, sobald sie das Lager verlässt.\n\n"
                "## Wo Sie sie finden\n- Öffnen Sie **Meine Sachen** und wählen Sie die Bestellung\n- Sendungsnummer und Spediteur stehen bei der Bestellung\n- Sie erhalten sie am Versandtag auch per E-Mail\n\n"
                "Am Liefertag erhalten Sie morgens per SMS ein Zeitfenster von zwei Stunden.",
            ),
        },
    ),
    (
        "late-delivery",
        A,
        "deliveries",
        ["where-is-my-order"],
        ["order"],
        ["delivery", "late"],
        {
            "en": (
                "My delivery is late",
                "What happens when an order misses its delivery date, and what you can do.",
                "Sometimes a delivery slips because of stock or carrier capacity. When that happens we email you a new date.\n\n"
                "## What you can do\n1. Check the tracking code on the order in **My Stuff**\n2. If the new date does not suit you, choose another one in the carrier's tracking page\n3. If there is no new date 24 hours after the promised day, contact us and we chase the carrier for you\n\n"
                "Large appliances are delivered by two people; we need a day's notice to rebook them.",
            ),
            "nl": (
                "Mijn bezorging is te laat",
                "Wat er gebeurt als een bestelling de bezorgdatum mist, en wat je kunt doen.",
                "Soms schuift een bezorging door voorraad of de capaciteit van de vervoerder. Dan mailen we je een nieuwe datum.\n\n"
                "## Wat je kunt doen\n1. Bekijk de trackingcode bij de bestelling in **Mijn spullen**\n2. Past de nieuwe datum niet, kies dan een andere op de trackingpagina van de vervoerder\n3. Heb je 24 uur na de beloofde dag nog geen nieuwe datum, neem dan contact op en wij zitten de vervoerder achter de broek\n\n"
                "Grote apparaten worden met twee personen bezorgd; we hebben een dag nodig om ze opnieuw in te plannen.",
            ),
            "de": (
                "Meine Lieferung ist verspätet",
                "Was passiert, wenn eine Bestellung den Liefertermin verpasst, und was Sie tun können.",
                "Manchmal verschiebt sich eine Lieferung wegen Lagerbestand oder Kapazität des Spediteurs. Dann schicken wir Ihnen per E-Mail einen neuen Termin.\n\n"
                "## Was Sie tun können\n1. Prüfen Sie die Sendungsnummer bei der Bestellung in **Meine Sachen**\n2. Passt der neue Termin nicht, wählen Sie auf der Seite des Spediteurs einen anderen\n3. Gibt es 24 Stunden nach dem zugesagten Tag keinen neuen Termin, kontaktieren Sie uns und wir haken beim Spediteur nach\n\n"
                "Großgeräte werden zu zweit geliefert; für eine Umplanung brauchen wir einen Tag Vorlauf.",
            ),
        },
    ),
    (
        "delivery-time-slots",
        F,
        "deliveries",
        ["where-is-my-order"],
        ["order"],
        ["delivery"],
        {
            "en": (
                "What time will my order arrive?",
                "Delivery slots and how you hear about them.",
                "Deliveries run Monday to Saturday between 07:00 and 21:00. The morning of delivery you get a two-hour slot by text message, and the driver calls 30 minutes before arriving.",
            ),
            "nl": (
                "Hoe laat komt mijn bestelling?",
                "Bezorgtijden en hoe je ze hoort.",
                "We bezorgen van maandag tot en met zaterdag tussen 07:00 en 21:00. Op de ochtend van de bezorging krijg je per sms een tijdvak van twee uur, en de chauffeur belt 30 minuten van tevoren.",
            ),
            "de": (
                "Wann kommt meine Bestellung?",
                "Lieferzeitfenster und wie Sie davon erfahren.",
                "Wir liefern Montag bis Samstag zwischen 07:00 und 21:00 Uhr. Am Morgen der Lieferung erhalten Sie per SMS ein Zeitfenster von zwei Stunden, und der Fahrer ruft 30 Minuten vorher an.",
            ),
        },
    ),
    (
        "not-home-for-delivery",
        F,
        "deliveries",
        ["where-is-my-order", "change-or-cancel"],
        ["order"],
        ["delivery"],
        {
            "en": (
                "What if I am not home for the delivery?",
                "Missed deliveries and rebooking.",
                "If nobody is home the driver leaves a card and the order goes back to the depot. You can rebook a new day from the link in the text message. Large appliances cannot be left with neighbours.",
            ),
            "nl": (
                "Wat als ik niet thuis ben bij de bezorging?",
                "Gemiste bezorgingen en opnieuw plannen.",
                "Is er niemand thuis, dan laat de chauffeur een kaartje achter en gaat de bestelling terug naar het depot. Via de link in de sms plan je een nieuwe dag. Grote apparaten kunnen niet bij de buren worden afgegeven.",
            ),
            "de": (
                "Was, wenn ich bei der Lieferung nicht zu Hause bin?",
                "Verpasste Lieferungen und neue Termine.",
                "Ist niemand zu Hause, hinterlässt der Fahrer eine Karte und die Bestellung geht zurück ins Depot. Über den Link in der SMS buchen Sie einen neuen Tag. Großgeräte können nicht bei Nachbarn abgegeben werden.",
            ),
        },
    ),
    (
        "delivery-to-upper-floors",
        F,
        "deliveries",
        ["where-is-my-order"],
        ["order"],
        ["delivery", "installation"],
        {
            "en": (
                "Do you deliver to upper floors?",
                "Stairs, lifts and narrow doors.",
                "Yes. Our two-person crew carries appliances up to the third floor without a lift. Above that we need a working lift. Measure doors and stairwells before ordering: a fridge-freezer needs at least 70 cm.",
            ),
            "nl": (
                "Bezorgen jullie ook op hogere verdiepingen?",
                "Trappen, liften en smalle deuren.",
                "Ja. Ons team van twee draagt apparaten tot de derde verdieping zonder lift. Daarboven hebben we een werkende lift nodig. Meet deuren en trappenhuizen voor je bestelt: een koel-vriescombinatie heeft minstens 70 cm nodig.",
            ),
            "de": (
                "Liefern Sie auch in obere Etagen?",
                "Treppen, Aufzüge und schmale Türen.",
                "Ja. Unser Zweierteam trägt Geräte bis in den dritten Stock ohne Aufzug. Darüber brauchen wir einen funktionierenden Aufzug. Messen Sie Türen und Treppenhäuser vor der Bestellung: eine Kühl-Gefrier-Kombination braucht mindestens 70 cm.",
            ),
        },
    ),
    (
        "change-delivery-address",
        A,
        "deliveries",
        ["change-or-cancel"],
        ["order"],
        ["delivery", "address"],
        {
            "en": (
                "Change the delivery address or date",
                "Until the order leaves the warehouse you can change where and when.",
                "You can change the address or the delivery day until the order is dispatched.\n\n- Before dispatch: contact us and we change it straight away\n- After dispatch: use the carrier's tracking page to choose another day; the address can no longer change\n\nA new address in another country is a new order.",
            ),
            "nl": (
                "Bezorgadres of -datum wijzigen",
                "Tot de bestelling het magazijn verlaat kun je waar en wanneer wijzigen.",
                "Je kunt het adres of de bezorgdag wijzigen tot de bestelling verzonden is.\n\n- Voor verzending: neem contact op en we passen het direct aan\n- Na verzending: kies via de trackingpagina van de vervoerder een andere dag; het adres kan dan niet meer wijzigen\n\nEen nieuw adres in een ander land is een nieuwe bestelling.",
            ),
            "de": (
                "Lieferadresse oder -termin ändern",
                "Bis die Bestellung das Lager verlässt, können Sie Ort und Zeit ändern.",
                "Sie können Adresse oder Liefertag ändern, bis die Bestellung versandt ist.\n\n- Vor dem Versand: kontaktieren Sie uns und wir ändern es sofort\n- Nach dem Versand: wählen Sie auf der Seite des Spediteurs einen anderen Tag; die Adresse lässt sich nicht mehr ändern\n\nEine neue Adresse in einem anderen Land ist eine neue Bestellung.",
            ),
        },
    ),
    (
        "cancel-an-order",
        A,
        "returns",
        ["change-or-cancel"],
        ["order"],
        ["cancel"],
        {
            "en": (
                "Cancel an order",
                "How to cancel before or after dispatch, and when you get your money back.",
                "## Before dispatch\nContact us and we cancel the order free of charge. The refund reaches your account within 5 working days.\n\n## After dispatch\nRefuse the delivery at the door, or accept it and return it within 30 days. See **Return an appliance**.",
            ),
            "nl": (
                "Een bestelling annuleren",
                "Annuleren voor of na verzending, en wanneer je je geld terugkrijgt.",
                "## Voor verzending\nNeem contact op en we annuleren de bestelling kosteloos. De terugbetaling staat binnen 5 werkdagen op je rekening.\n\n## Na verzending\nWeiger de bezorging aan de deur, of neem hem aan en stuur hem binnen 30 dagen terug. Zie **Een apparaat retourneren**.",
            ),
            "de": (
                "Eine Bestellung stornieren",
                "Stornieren vor oder nach dem Versand, und wann Sie Ihr Geld zurückbekommen.",
                "## Vor dem Versand\nKontaktieren Sie uns und wir stornieren die Bestellung kostenlos. Die Erstattung ist innerhalb von 5 Werktagen auf Ihrem Konto.\n\n## Nach dem Versand\nVerweigern Sie die Annahme an der Tür, oder nehmen Sie an und senden Sie innerhalb von 30 Tagen zurück. Siehe **Ein Gerät zurücksenden**.",
            ),
        },
    ),
    # --- Damaged or wrong
    (
        "arrived-damaged",
        A,
        "returns",
        ["damaged-or-wrong", "damaged"],
        ["order"],
        ["damage", "delivery"],
        {
            "en": (
                "My appliance arrived damaged",
                "Report damage within 48 hours and we replace or repair it.",
                "We are sorry. Please do not use a damaged appliance.\n\n1. Take photos of the damage and of the packaging\n2. Report it within 48 hours of delivery\n3. We collect it and deliver a replacement, usually within 5 working days\n\nSmall dents on the side of a built-in appliance can also be settled with a discount if you prefer to keep it.",
            ),
            "nl": (
                "Mijn apparaat is beschadigd aangekomen",
                "Meld schade binnen 48 uur en we vervangen of repareren het.",
                "Dat spijt ons. Gebruik een beschadigd apparaat liever niet.\n\n1. Maak foto's van de schade en van de verpakking\n2. Meld het binnen 48 uur na bezorging\n3. We halen het op en bezorgen een vervanger, meestal binnen 5 werkdagen\n\nKleine deukjes aan de zijkant van een inbouwapparaat kunnen ook met een korting worden opgelost als je het wilt houden.",
            ),
            "de": (
                "Mein Gerät kam beschädigt an",
                "Melden Sie Schäden innerhalb von 48 Stunden und wir ersetzen oder reparieren.",
                "Das tut uns leid. Bitte benutzen Sie ein beschädigtes Gerät nicht.\n\n1. Fotografieren Sie den Schaden und die Verpackung\n2. Melden Sie ihn innerhalb von 48 Stunden nach der Lieferung\n3. Wir holen das Gerät ab und liefern Ersatz, meist innerhalb von 5 Werktagen\n\nKleine Dellen an der Seite eines Einbaugeräts können auch mit einem Preisnachlass geregelt werden, wenn Sie es behalten möchten.",
            ),
        },
    ),
    (
        "wrong-item-delivered",
        A,
        "returns",
        ["damaged-or-wrong", "wrong-item"],
        ["order"],
        ["delivery"],
        {
            "en": (
                "I received the wrong item",
                "We swap it at no cost.",
                "Check the model number on the rating plate against the order in **My Stuff**. If it differs, keep the packaging and contact us: we collect the wrong item and deliver the right one on the same trip where we can.",
            ),
            "nl": (
                "Ik heb het verkeerde artikel ontvangen",
                "We ruilen het kosteloos om.",
                "Vergelijk het modelnummer op het typeplaatje met de bestelling in **Mijn spullen**. Wijkt het af, bewaar dan de verpakking en neem contact op: we halen het verkeerde artikel op en bezorgen waar mogelijk in dezelfde rit het juiste.",
            ),
            "de": (
                "Ich habe den falschen Artikel erhalten",
                "Wir tauschen ihn kostenlos um.",
                "Vergleichen Sie die Modellnummer auf dem Typenschild mit der Bestellung in **Meine Sachen**. Weicht sie ab, bewahren Sie die Verpackung auf und kontaktieren Sie uns: wir holen den falschen Artikel ab und liefern möglichst auf derselben Fahrt den richtigen.",
            ),
        },
    ),
    (
        "missing-parts",
        F,
        "returns",
        ["damaged-or-wrong"],
        ["order"],
        ["installation"],
        {
            "en": (
                "A part or accessory is missing",
                "Shelves, hoses, feet and manuals.",
                "Check the drum or the door shelves first: accessories are often packed inside. If a part is really missing, tell us the model number and the part and we post it within 3 working days.",
            ),
            "nl": (
                "Er ontbreekt een onderdeel of accessoire",
                "Planken, slangen, pootjes en handleidingen.",
                "Kijk eerst in de trommel of in de deurvakken: accessoires zitten vaak binnenin verpakt. Ontbreekt er echt iets, geef ons dan het modelnummer en het onderdeel door en we sturen het binnen 3 werkdagen op.",
            ),
            "de": (
                "Ein Teil oder Zubehör fehlt",
                "Böden, Schläuche, Füße und Anleitungen.",
                "Schauen Sie zuerst in die Trommel oder die Türfächer: Zubehör ist oft innen verpackt. Fehlt wirklich etwas, nennen Sie uns Modellnummer und Teil und wir schicken es innerhalb von 3 Werktagen.",
            ),
        },
    ),
    # --- Returns and refunds
    (
        "return-an-appliance",
        A,
        "returns",
        ["return-or-refund"],
        ["order"],
        ["return", "refund"],
        {
            "en": (
                "Return an appliance",
                "30 days to change your mind, collected from your home.",
                "You can return any appliance within 30 days of delivery.\n\n## How it works\n1. Contact us with the order number\n2. We book a collection; large appliances are collected by two people\n3. Once the appliance is checked, we refund you within 5 working days\n\nAn installed appliance must be disconnected first. Our engineers can do this for a fee.",
            ),
            "nl": (
                "Een apparaat retourneren",
                "30 dagen bedenktijd, opgehaald bij je thuis.",
                "Je kunt elk apparaat binnen 30 dagen na bezorging retourneren.\n\n## Zo werkt het\n1. Neem contact op met het bestelnummer\n2. We plannen een ophaalmoment; grote apparaten worden met twee personen opgehaald\n3. Na controle van het apparaat betalen we binnen 5 werkdagen terug\n\nEen geïnstalleerd apparaat moet eerst worden afgekoppeld. Onze monteurs doen dit tegen betaling.",
            ),
            "de": (
                "Ein Gerät zurücksenden",
                "30 Tage Bedenkzeit, bei Ihnen zu Hause abgeholt.",
                "Sie können jedes Gerät innerhalb von 30 Tagen nach der Lieferung zurückgeben.\n\n## So funktioniert es\n1. Kontaktieren Sie uns mit der Bestellnummer\n2. Wir buchen eine Abholung; Großgeräte werden zu zweit abgeholt\n3. Nach der Prüfung erstatten wir innerhalb von 5 Werktagen\n\nEin installiertes Gerät muss zuerst abgeschlossen werden. Unsere Techniker erledigen das gegen Gebühr.",
            ),
        },
    ),
    (
        "refund-timing",
        F,
        "returns",
        ["return-or-refund", "billing"],
        ["order"],
        ["refund"],
        {
            "en": (
                "When will I get my refund?",
                "Refunds go back to the way you paid.",
                "We refund within 5 working days of receiving the return. Card refunds can take another 3 to 5 days to show on your statement; iDEAL and bank transfers usually arrive the next day.",
            ),
            "nl": (
                "Wanneer krijg ik mijn geld terug?",
                "Terugbetalingen gaan naar de manier waarop je betaalde.",
                "We betalen binnen 5 werkdagen na ontvangst van de retour terug. Bij een creditcard kan het nog 3 tot 5 dagen duren voor het op je afschrift staat; iDEAL en overschrijvingen komen meestal de volgende dag binnen.",
            ),
            "de": (
                "Wann bekomme ich meine Erstattung?",
                "Erstattungen gehen an die Zahlungsart zurück.",
                "Wir erstatten innerhalb von 5 Werktagen nach Eingang der Rücksendung. Bei Kreditkarten kann es weitere 3 bis 5 Tage dauern, bis die Gutschrift erscheint; iDEAL und Überweisungen kommen meist am nächsten Tag an.",
            ),
        },
    ),
    (
        "return-costs",
        F,
        "returns",
        ["return-or-refund"],
        ["order"],
        ["return"],
        {
            "en": (
                "Does returning cost anything?",
                "Collection is free within 30 days.",
                "Collection within 30 days is free. If the appliance was installed by us, disconnecting it costs EUR 45. Returns of damaged or wrong items are always free.",
            ),
            "nl": (
                "Kost retourneren iets?",
                "Ophalen is gratis binnen 30 dagen.",
                "Ophalen binnen 30 dagen is gratis. Hebben wij het apparaat geïnstalleerd, dan kost afkoppelen EUR 45. Retouren van beschadigde of verkeerde artikelen zijn altijd gratis.",
            ),
            "de": (
                "Kostet die Rücksendung etwas?",
                "Die Abholung ist innerhalb von 30 Tagen kostenlos.",
                "Die Abholung innerhalb von 30 Tagen ist kostenlos. Haben wir das Gerät installiert, kostet das Abschließen EUR 45. Rücksendungen beschädigter oder falscher Artikel sind immer kostenlos.",
            ),
        },
    ),
    (
        "old-appliance-recycling",
        F,
        "returns",
        ["something-else"],
        ["order"],
        ["recycling", "delivery"],
        {
            "en": (
                "Will you take my old appliance away?",
                "Free recycling when we deliver a new one.",
                "Yes. When we deliver a new appliance we take the old one of the same type for free. It must be disconnected, empty and defrosted (for fridges, 24 hours before).",
            ),
            "nl": (
                "Nemen jullie mijn oude apparaat mee?",
                "Gratis recycling bij bezorging van een nieuw apparaat.",
                "Ja. Bij bezorging van een nieuw apparaat nemen we het oude van hetzelfde type gratis mee. Het moet afgekoppeld, leeg en ontdooid zijn (bij koelkasten 24 uur van tevoren).",
            ),
            "de": (
                "Nehmen Sie mein altes Gerät mit?",
                "Kostenloses Recycling bei Lieferung eines neuen Geräts.",
                "Ja. Bei Lieferung eines neuen Geräts nehmen wir das alte der gleichen Art kostenlos mit. Es muss abgeschlossen, leer und abgetaut sein (Kühlschränke 24 Stunden vorher).",
            ),
        },
    ),
    # --- Installation
    (
        "install-washing-machine",
        A,
        "installation",
        ["something-else"],
        ["order"],
        ["installation", "washing machine"],
        {
            "en": (
                "Installing your washing machine",
                "Transit bolts, water, drain and levelling.",
                "## Before the first wash\n1. Remove the **transit bolts** at the back; keep them for moving house\n2. Connect the inlet hose to a cold tap and the drain hose at least 60 cm high\n3. Level the machine by turning the feet; a wobbling machine is loud and wears faster\n4. Run an empty 60° programme to clean the drum\n\nOur installation service does all of this for EUR 90.",
            ),
            "nl": (
                "Je wasmachine installeren",
                "Transportbouten, water, afvoer en waterpas zetten.",
                "## Voor de eerste was\n1. Verwijder de **transportbouten** aan de achterkant; bewaar ze voor een verhuizing\n2. Sluit de toevoerslang aan op een koudwaterkraan en de afvoerslang op minstens 60 cm hoogte\n3. Zet de machine waterpas door aan de pootjes te draaien; een wiebelende machine is luid en slijt sneller\n4. Draai een leeg 60°-programma om de trommel schoon te maken\n\nOnze installatieservice doet dit allemaal voor EUR 90.",
            ),
            "de": (
                "Ihre Waschmaschine installieren",
                "Transportsicherungen, Wasser, Abfluss und Ausrichten.",
                "## Vor der ersten Wäsche\n1. Entfernen Sie die **Transportsicherungen** hinten; bewahren Sie sie für einen Umzug auf\n2. Schließen Sie den Zulaufschlauch an einen Kaltwasserhahn und den Ablaufschlauch mindestens 60 cm hoch an\n3. Richten Sie die Maschine an den Füßen aus; eine wackelnde Maschine ist laut und verschleißt schneller\n4. Lassen Sie ein leeres 60°-Programm laufen, um die Trommel zu reinigen\n\nUnser Installationsservice erledigt das alles für EUR 90.",
            ),
        },
    ),
    (
        "fridge-first-use",
        A,
        "installation",
        ["something-else"],
        ["order"],
        ["installation", "fridge"],
        {
            "en": (
                "Your new fridge-freezer: the first day",
                "Let it stand, then switch on and wait before filling it.",
                "After transport the coolant needs to settle.\n\n- Let the fridge-freezer stand upright for **4 hours** before switching on\n- Switch on and wait until it reaches 4 °C (about 6 hours) before filling it\n- Leave 5 cm of space at the back and the top for air\n\nA gentle humming or clicking in the first days is normal.",
            ),
            "nl": (
                "Je nieuwe koel-vriescombinatie: de eerste dag",
                "Laat hem staan, zet hem aan en wacht voor je hem vult.",
                "Na transport moet het koelmiddel tot rust komen.\n\n- Laat de koel-vriescombinatie **4 uur** rechtop staan voor je hem aanzet\n- Zet hem aan en wacht tot hij 4 °C is (ongeveer 6 uur) voor je hem vult\n- Laat achter en boven 5 cm ruimte voor lucht\n\nZacht brommen of klikken in de eerste dagen is normaal.",
            ),
            "de": (
                "Ihre neue Kühl-Gefrier-Kombination: der erste Tag",
                "Stehen lassen, einschalten und vor dem Befüllen warten.",
                "Nach dem Transport muss sich das Kältemittel setzen.\n\n- Lassen Sie das Gerät **4 Stunden** aufrecht stehen, bevor Sie es einschalten\n- Einschalten und warten, bis es 4 °C erreicht (etwa 6 Stunden), bevor Sie es befüllen\n- Lassen Sie hinten und oben 5 cm Platz für die Luft\n\nLeises Brummen oder Klicken in den ersten Tagen ist normal.",
            ),
        },
    ),
    (
        "dishwasher-installation",
        A,
        "installation",
        ["something-else"],
        ["order"],
        ["installation", "dishwasher"],
        {
            "en": (
                "Installing a dishwasher",
                "Built-in or freestanding, water and power.",
                "A dishwasher needs a cold water tap with a 3/4 inch connection, a drain and a grounded socket within 1.5 m.\n\n## Built-in models\nThe door panel of your kitchen is fixed to the dishwasher door with the template in the box. Our installers fit built-in dishwashers for EUR 120.",
            ),
            "nl": (
                "Een vaatwasser installeren",
                "Inbouw of vrijstaand, water en stroom.",
                "Een vaatwasser heeft een koudwaterkraan met 3/4 inch aansluiting nodig, een afvoer en een geaard stopcontact binnen 1,5 m.\n\n## Inbouwmodellen\nHet deurpaneel van je keuken wordt met de mal uit de doos op de deur van de vaatwasser bevestigd. Onze installateurs plaatsen inbouwvaatwassers voor EUR 120.",
            ),
            "de": (
                "Einen Geschirrspüler installieren",
                "Einbau oder freistehend, Wasser und Strom.",
                "Ein Geschirrspüler braucht einen Kaltwasserhahn mit 3/4-Zoll-Anschluss, einen Abfluss und eine geerdete Steckdose im Umkreis von 1,5 m.\n\n## Einbaumodelle\nDie Türfront Ihrer Küche wird mit der Schablone aus dem Karton an der Tür des Geschirrspülers befestigt. Unsere Monteure bauen Einbau-Geschirrspüler für EUR 120 ein.",
            ),
        },
    ),
    (
        "installation-service",
        F,
        "installation",
        ["something-else", "change-or-cancel"],
        ["order"],
        ["installation"],
        {
            "en": (
                "Can you install my appliance?",
                "Installation on the day of delivery.",
                "Yes. Add installation when you order, or contact us before dispatch. The crew connects, levels and tests the appliance on the day of delivery and takes the packaging away.",
            ),
            "nl": (
                "Kunnen jullie mijn apparaat installeren?",
                "Installatie op de dag van bezorging.",
                "Ja. Voeg installatie toe bij je bestelling, of neem voor verzending contact op. Het team sluit het apparaat op de bezorgdag aan, zet het waterpas, test het en neemt de verpakking mee.",
            ),
            "de": (
                "Können Sie mein Gerät installieren?",
                "Installation am Liefertag.",
                "Ja. Buchen Sie die Installation bei der Bestellung hinzu oder kontaktieren Sie uns vor dem Versand. Das Team schließt das Gerät am Liefertag an, richtet es aus, testet es und nimmt die Verpackung mit.",
            ),
        },
    ),
    (
        "oven-hob-connection",
        F,
        "installation",
        ["something-else"],
        ["order"],
        ["installation", "oven"],
        {
            "en": (
                "Can I connect an induction hob myself?",
                "Why a certified installer is needed.",
                "An induction hob usually needs a dedicated two-phase connection. For your safety and your warranty it must be connected by a certified installer. Our engineers do this for EUR 95.",
            ),
            "nl": (
                "Kan ik een inductiekookplaat zelf aansluiten?",
                "Waarom een erkende installateur nodig is.",
                "Een inductiekookplaat heeft meestal een eigen tweefase-aansluiting nodig. Voor je veiligheid en je garantie moet een erkende installateur hem aansluiten. Onze monteurs doen dit voor EUR 95.",
            ),
            "de": (
                "Kann ich ein Induktionskochfeld selbst anschließen?",
                "Warum ein zertifizierter Installateur nötig ist.",
                "Ein Induktionskochfeld braucht meist einen eigenen Zweiphasen-Anschluss. Zu Ihrer Sicherheit und für die Garantie muss ein zertifizierter Installateur es anschließen. Unsere Techniker erledigen das für EUR 95.",
            ),
        },
    ),
    # --- Engineer visits
    (
        "engineer-visit-what-to-expect",
        A,
        "engineer-visits",
        ["visit-time"],
        ["appointment"],
        ["engineer", "repair"],
        {
            "en": (
                "Your engineer visit: what to expect",
                "Time windows, preparation and what the engineer brings.",
                "Visits are booked in a **4-hour window**. The evening before you get a text with the engineer's name, and they call when they are on their way.\n\n## Please prepare\n- Clear the space around the appliance\n- Have the model number and proof of purchase ready\n- For a washing machine, empty the drum and the filter\n\nMost repairs are done in one visit; when a part must be ordered we book the next visit before the engineer leaves.",
            ),
            "nl": (
                "Je monteursbezoek: wat je kunt verwachten",
                "Tijdvakken, voorbereiding en wat de monteur meeneemt.",
                "Bezoeken worden gepland in een **tijdvak van 4 uur**. De avond ervoor krijg je een sms met de naam van de monteur, en die belt als hij onderweg is.\n\n## Bereid je voor\n- Maak de ruimte rond het apparaat vrij\n- Houd het modelnummer en het aankoopbewijs bij de hand\n- Maak bij een wasmachine de trommel en het filter leeg\n\nDe meeste reparaties zijn in één bezoek klaar; moet er een onderdeel besteld worden, dan plannen we het volgende bezoek voor de monteur vertrekt.",
            ),
            "de": (
                "Ihr Technikerbesuch: was Sie erwartet",
                "Zeitfenster, Vorbereitung und was der Techniker mitbringt.",
                "Besuche werden in einem **4-Stunden-Zeitfenster** gebucht. Am Vorabend erhalten Sie eine SMS mit dem Namen des Technikers, und er ruft an, wenn er unterwegs ist.\n\n## Bitte vorbereiten\n- Machen Sie den Platz um das Gerät frei\n- Halten Sie Modellnummer und Kaufbeleg bereit\n- Bei einer Waschmaschine Trommel und Flusensieb leeren\n\nDie meisten Reparaturen gelingen beim ersten Besuch; muss ein Teil bestellt werden, buchen wir den nächsten Besuch, bevor der Techniker geht.",
            ),
        },
    ),
    (
        "reschedule-engineer-visit",
        A,
        "engineer-visits",
        ["change-or-cancel", "visit-time"],
        ["appointment"],
        ["engineer"],
        {
            "en": (
                "Change or cancel an engineer visit",
                "Free until 18:00 the day before.",
                "You can move or cancel a visit free of charge until 18:00 on the day before. Contact us with the visit reference (it starts with VIS-). Later changes are possible, but the engineer may already be planned on the route.",
            ),
            "nl": (
                "Een monteursbezoek verzetten of annuleren",
                "Gratis tot 18:00 uur de dag ervoor.",
                "Je kunt een bezoek kosteloos verzetten of annuleren tot 18:00 uur op de dag ervoor. Neem contact op met de bezoekreferentie (die begint met VIS-). Later wijzigen kan, maar de monteur staat dan mogelijk al op de route.",
            ),
            "de": (
                "Einen Technikerbesuch verschieben oder absagen",
                "Kostenlos bis 18:00 Uhr am Vortag.",
                "Sie können einen Besuch bis 18:00 Uhr am Vortag kostenlos verschieben oder absagen. Kontaktieren Sie uns mit der Besuchsnummer (sie beginnt mit VIS-). Spätere Änderungen sind möglich, aber der Techniker ist dann vielleicht schon eingeplant.",
            ),
        },
    ),
    (
        "engineer-running-late",
        F,
        "engineer-visits",
        ["visit-time"],
        ["appointment"],
        ["engineer", "late"],
        {
            "en": (
                "The engineer has not arrived yet",
                "What to do when the time window has passed.",
                "Engineers call when they are on their way. If your 4-hour window has passed without a call, contact us: we can see where the engineer is and give you a new time straight away.",
            ),
            "nl": (
                "De monteur is er nog niet",
                "Wat te doen als het tijdvak voorbij is.",
                "Monteurs bellen als ze onderweg zijn. Is je tijdvak van 4 uur voorbij zonder telefoontje, neem dan contact op: we zien waar de monteur is en geven je meteen een nieuwe tijd.",
            ),
            "de": (
                "Der Techniker ist noch nicht da",
                "Was tun, wenn das Zeitfenster vorbei ist.",
                "Techniker rufen an, wenn sie unterwegs sind. Ist Ihr 4-Stunden-Fenster ohne Anruf verstrichen, kontaktieren Sie uns: wir sehen, wo der Techniker ist, und nennen Ihnen sofort eine neue Zeit.",
            ),
        },
    ),
    (
        "washing-machine-not-draining",
        A,
        "engineer-visits",
        ["something-else", "visit-time"],
        ["order", "appointment"],
        ["repair", "washing machine"],
        {
            "en": (
                "Washing machine not draining",
                "Three checks that fix most cases before an engineer comes.",
                "Before the visit, try these:\n\n1. Clean the **drain filter** behind the small flap at the bottom front (put a towel down first)\n2. Check the drain hose is not kinked or pushed too far into the drain pipe\n3. Run a *rinse and spin* programme\n\nIf the water still stays in the drum, keep your engineer visit: the pump probably needs replacing.",
            ),
            "nl": (
                "Wasmachine pompt niet af",
                "Drie controles die de meeste gevallen oplossen voor een monteur komt.",
                "Probeer voor het bezoek het volgende:\n\n1. Maak het **pompfilter** schoon achter het klepje linksonder (leg eerst een handdoek neer)\n2. Controleer of de afvoerslang niet geknikt is of te ver in de afvoerbuis zit\n3. Draai een programma *spoelen en centrifugeren*\n\nBlijft het water in de trommel staan, houd dan je monteursbezoek: de pomp moet waarschijnlijk vervangen worden.",
            ),
            "de": (
                "Waschmaschine pumpt nicht ab",
                "Drei Prüfungen, die die meisten Fälle lösen, bevor ein Techniker kommt.",
                "Versuchen Sie vor dem Besuch Folgendes:\n\n1. Reinigen Sie das **Flusensieb** hinter der kleinen Klappe unten vorne (legen Sie vorher ein Handtuch hin)\n2. Prüfen Sie, ob der Ablaufschlauch geknickt oder zu tief im Abflussrohr ist\n3. Starten Sie ein Programm *Spülen und Schleudern*\n\nBleibt das Wasser in der Trommel, behalten Sie Ihren Technikerbesuch: die Pumpe muss wahrscheinlich ersetzt werden.",
            ),
        },
    ),
    (
        "book-a-repair",
        F,
        "engineer-visits",
        ["something-else"],
        ["order", "subscription"],
        ["repair", "engineer"],
        {
            "en": (
                "How do I book a repair?",
                "Under warranty or CarePlus, repairs are free.",
                "Contact us from the order in **My Stuff** and choose the problem. Under warranty or CarePlus cover the visit and parts are free; otherwise the call-out is EUR 69 plus parts.",
            ),
            "nl": (
                "Hoe boek ik een reparatie?",
                "Onder garantie of CarePlus zijn reparaties gratis.",
                "Neem contact op vanuit de bestelling in **Mijn spullen** en kies het probleem. Onder garantie of CarePlus zijn bezoek en onderdelen gratis; anders kost het voorrijden EUR 69 plus onderdelen.",
            ),
            "de": (
                "Wie buche ich eine Reparatur?",
                "Mit Garantie oder CarePlus sind Reparaturen kostenlos.",
                "Kontaktieren Sie uns über die Bestellung in **Meine Sachen** und wählen Sie das Problem. Mit Garantie oder CarePlus-Schutz sind Anfahrt und Teile kostenlos; sonst kostet die Anfahrt EUR 69 plus Teile.",
            ),
        },
    ),
    # --- Warranties
    (
        "warranty-explained",
        A,
        "warranties",
        ["something-else"],
        ["order"],
        ["warranty"],
        {
            "en": (
                "Your warranty explained",
                "Two years on every appliance, five on motors of selected models.",
                "Every appliance comes with a **2-year warranty** from the delivery date, covering parts, labour and the engineer's visit.\n\n## Not covered\n- Damage from misuse, limescale or a wrong installation by someone else\n- Consumables such as filters and bulbs\n\nSelected washing machines have 5 years on the motor. Your order in **My Stuff** is your proof of purchase.",
            ),
            "nl": (
                "Je garantie uitgelegd",
                "Twee jaar op elk apparaat, vijf jaar op motoren van bepaalde modellen.",
                "Elk apparaat heeft **2 jaar garantie** vanaf de bezorgdatum, op onderdelen, arbeid en het monteursbezoek.\n\n## Niet gedekt\n- Schade door verkeerd gebruik, kalk of een verkeerde installatie door een ander\n- Verbruiksartikelen zoals filters en lampjes\n\nBepaalde wasmachines hebben 5 jaar op de motor. Je bestelling in **Mijn spullen** is je aankoopbewijs.",
            ),
            "de": (
                "Ihre Garantie erklärt",
                "Zwei Jahre auf jedes Gerät, fünf auf Motoren ausgewählter Modelle.",
                "Jedes Gerät hat **2 Jahre Garantie** ab Lieferdatum, für Teile, Arbeit und den Technikerbesuch.\n\n## Nicht abgedeckt\n- Schäden durch Fehlgebrauch, Kalk oder falsche Installation durch Dritte\n- Verbrauchsteile wie Filter und Lampen\n\nAusgewählte Waschmaschinen haben 5 Jahre auf den Motor. Ihre Bestellung in **Meine Sachen** ist Ihr Kaufbeleg.",
            ),
        },
    ),
    (
        "proof-of-purchase",
        F,
        "warranties",
        ["something-else", "billing"],
        ["order"],
        ["warranty", "invoice"],
        {
            "en": (
                "Where is my proof of purchase?",
                "Your invoice is always in My Stuff.",
                "Open the order in **My Stuff** and download the invoice. It is valid as proof of purchase for warranty claims, also with other repairers.",
            ),
            "nl": (
                "Waar vind ik mijn aankoopbewijs?",
                "Je factuur staat altijd in Mijn spullen.",
                "Open de bestelling in **Mijn spullen** en download de factuur. Die geldt als aankoopbewijs voor garantieclaims, ook bij andere reparateurs.",
            ),
            "de": (
                "Wo finde ich meinen Kaufbeleg?",
                "Ihre Rechnung ist immer in Meine Sachen.",
                "Öffnen Sie die Bestellung in **Meine Sachen** und laden Sie die Rechnung herunter. Sie gilt als Kaufbeleg für Garantieansprüche, auch bei anderen Reparaturbetrieben.",
            ),
        },
    ),
    (
        "careplus-cover",
        A,
        "warranties",
        ["renewal"],
        ["subscription"],
        ["careplus", "warranty"],
        {
            "en": (
                "CarePlus appliance cover",
                "Repairs, parts and a replacement when repair is not possible.",
                "CarePlus extends the cover of your appliances beyond the warranty for a monthly fee.\n\n- Unlimited repairs, parts and labour\n- An engineer within 3 working days\n- A replacement of the same value if the appliance cannot be repaired\n\nYou can stop CarePlus every month; there is no minimum term after the first 12 months.",
            ),
            "nl": (
                "CarePlus apparatendekking",
                "Reparaties, onderdelen en vervanging als repareren niet lukt.",
                "CarePlus verlengt de dekking van je apparaten na de garantie voor een maandbedrag.\n\n- Onbeperkt reparaties, onderdelen en arbeid\n- Een monteur binnen 3 werkdagen\n- Een vervanger van dezelfde waarde als het apparaat niet te repareren is\n\nJe kunt CarePlus elke maand stoppen; na de eerste 12 maanden is er geen minimale looptijd.",
            ),
            "de": (
                "CarePlus Geräteschutz",
                "Reparaturen, Teile und Ersatz, wenn eine Reparatur nicht möglich ist.",
                "CarePlus verlängert den Schutz Ihrer Geräte über die Garantie hinaus gegen eine Monatsgebühr.\n\n- Unbegrenzte Reparaturen, Teile und Arbeit\n- Ein Techniker innerhalb von 3 Werktagen\n- Ersatz im gleichen Wert, wenn das Gerät nicht reparierbar ist\n\nSie können CarePlus monatlich kündigen; nach den ersten 12 Monaten gibt es keine Mindestlaufzeit.",
            ),
        },
    ),
    (
        "warranty-after-move",
        F,
        "warranties",
        ["something-else"],
        ["order"],
        ["warranty"],
        {
            "en": (
                "Is my warranty still valid after moving house?",
                "Yes, if the appliance was moved safely.",
                "Yes. Refit the transit bolts of a washing machine and let a fridge stand for 4 hours after moving. Damage caused by the move itself is not covered.",
            ),
            "nl": (
                "Geldt mijn garantie nog na een verhuizing?",
                "Ja, als het apparaat veilig verhuisd is.",
                "Ja. Zet de transportbouten van een wasmachine terug en laat een koelkast na de verhuizing 4 uur staan. Schade door de verhuizing zelf valt niet onder de garantie.",
            ),
            "de": (
                "Gilt meine Garantie nach einem Umzug noch?",
                "Ja, wenn das Gerät sicher transportiert wurde.",
                "Ja. Setzen Sie die Transportsicherungen der Waschmaschine wieder ein und lassen Sie einen Kühlschrank nach dem Umzug 4 Stunden stehen. Schäden durch den Umzug selbst sind nicht abgedeckt.",
            ),
        },
    ),
    # --- Billing
    (
        "payment-methods",
        F,
        "billing",
        ["billing"],
        ["order", "quote"],
        ["payment"],
        {
            "en": (
                "Which payment methods can I use?",
                "iDEAL, cards, bank transfer and paying in instalments.",
                "You can pay with iDEAL, Visa, Mastercard, American Express, bank transfer or in 3 instalments without interest. Business customers can pay on invoice within 14 days.",
            ),
            "nl": (
                "Met welke betaalmethoden kan ik betalen?",
                "iDEAL, creditcards, overschrijving en in termijnen.",
                "Je kunt betalen met iDEAL, Visa, Mastercard, American Express, een overschrijving of in 3 termijnen zonder rente. Zakelijke klanten kunnen op factuur betalen binnen 14 dagen.",
            ),
            "de": (
                "Welche Zahlungsarten kann ich nutzen?",
                "iDEAL, Karten, Überweisung und Ratenzahlung.",
                "Sie können mit iDEAL, Visa, Mastercard, American Express, per Überweisung oder in 3 zinslosen Raten zahlen. Geschäftskunden können auf Rechnung innerhalb von 14 Tagen zahlen.",
            ),
        },
    ),
    (
        "charged-twice",
        A,
        "billing",
        ["billing"],
        ["order", "subscription"],
        ["payment", "refund"],
        {
            "en": (
                "I was charged twice",
                "Reservations, double payments and how we put them right.",
                "A card payment that failed can still show as a **reservation** for up to 7 days; it disappears by itself.\n\nIf two payments were really taken:\n1. Check both amounts on your statement\n2. Contact us with the order number\n3. We refund the double payment within 2 working days",
            ),
            "nl": (
                "Er is twee keer afgeschreven",
                "Reserveringen, dubbele betalingen en hoe we ze rechtzetten.",
                "Een mislukte kaartbetaling kan tot 7 dagen als **reservering** zichtbaar blijven; die verdwijnt vanzelf.\n\nIs er echt twee keer betaald:\n1. Controleer beide bedragen op je afschrift\n2. Neem contact op met het bestelnummer\n3. We betalen de dubbele betaling binnen 2 werkdagen terug",
            ),
            "de": (
                "Mir wurde doppelt abgebucht",
                "Reservierungen, Doppelzahlungen und wie wir sie korrigieren.",
                "Eine fehlgeschlagene Kartenzahlung kann bis zu 7 Tage als **Reservierung** sichtbar bleiben; sie verschwindet von selbst.\n\nWurde wirklich doppelt gezahlt:\n1. Prüfen Sie beide Beträge auf Ihrem Kontoauszug\n2. Kontaktieren Sie uns mit der Bestellnummer\n3. Wir erstatten die doppelte Zahlung innerhalb von 2 Werktagen",
            ),
        },
    ),
    (
        "invoice-vat",
        F,
        "billing",
        ["billing"],
        ["order", "subscription"],
        ["invoice"],
        {
            "en": (
                "Can I get an invoice with VAT for my business?",
                "Change the invoice details before or after paying.",
                "Yes. Add your company name and VAT number at checkout. If you forgot, contact us within 30 days and we issue a corrected invoice.",
            ),
            "nl": (
                "Kan ik een factuur met btw voor mijn bedrijf krijgen?",
                "Factuurgegevens wijzigen voor of na betalen.",
                "Ja. Vul bij het afrekenen je bedrijfsnaam en btw-nummer in. Vergeten? Neem binnen 30 dagen contact op en we maken een gecorrigeerde factuur.",
            ),
            "de": (
                "Bekomme ich eine Rechnung mit MwSt. für mein Unternehmen?",
                "Rechnungsdaten vor oder nach der Zahlung ändern.",
                "Ja. Geben Sie beim Bezahlen Firmennamen und USt-IdNr. an. Vergessen? Kontaktieren Sie uns innerhalb von 30 Tagen und wir stellen eine korrigierte Rechnung aus.",
            ),
        },
    ),
    (
        "pay-in-instalments",
        A,
        "billing",
        ["billing"],
        ["order", "quote"],
        ["payment"],
        {
            "en": (
                "Paying in instalments",
                "Spread the cost over 3 months without interest.",
                "For orders over EUR 300 you can pay in 3 monthly instalments without interest or fees. The first instalment is taken when the order is dispatched. A missed instalment is retried after 5 days; we email you before that.",
            ),
            "nl": (
                "Betalen in termijnen",
                "Spreid de kosten over 3 maanden zonder rente.",
                "Bij bestellingen boven EUR 300 kun je in 3 maandelijkse termijnen betalen zonder rente of kosten. De eerste termijn wordt afgeschreven bij verzending. Een gemiste termijn proberen we na 5 dagen opnieuw; we mailen je daarvoor.",
            ),
            "de": (
                "In Raten zahlen",
                "Verteilen Sie die Kosten zinslos auf 3 Monate.",
                "Bei Bestellungen über EUR 300 können Sie in 3 Monatsraten ohne Zinsen oder Gebühren zahlen. Die erste Rate wird beim Versand abgebucht. Eine verpasste Rate versuchen wir nach 5 Tagen erneut; wir informieren Sie vorher per E-Mail.",
            ),
        },
    ),
    # --- Subscriptions
    (
        "manage-careplus-subscription",
        A,
        "subscriptions",
        ["renewal", "change-or-cancel"],
        ["subscription"],
        ["careplus", "subscription"],
        {
            "en": (
                "Change or stop your CarePlus subscription",
                "Add appliances, change the payment day or stop.",
                "Your subscription is in **My Stuff**. From there you can:\n\n- add or remove covered appliances\n- change the monthly payment day\n- stop the subscription at the end of the current month\n\nStopping within the first 12 months costs the remaining months of that year.",
            ),
            "nl": (
                "Je CarePlus-abonnement wijzigen of stoppen",
                "Apparaten toevoegen, de betaaldag wijzigen of stoppen.",
                "Je abonnement staat in **Mijn spullen**. Daar kun je:\n\n- gedekte apparaten toevoegen of verwijderen\n- de maandelijkse betaaldag wijzigen\n- het abonnement stoppen aan het einde van de lopende maand\n\nStoppen in de eerste 12 maanden kost de resterende maanden van dat jaar.",
            ),
            "de": (
                "Ihr CarePlus-Abo ändern oder beenden",
                "Geräte hinzufügen, Zahlungstag ändern oder kündigen.",
                "Ihr Abonnement finden Sie in **Meine Sachen**. Dort können Sie:\n\n- geschützte Geräte hinzufügen oder entfernen\n- den monatlichen Zahlungstag ändern\n- das Abo zum Ende des laufenden Monats beenden\n\nEine Kündigung in den ersten 12 Monaten kostet die restlichen Monate dieses Jahres.",
            ),
        },
    ),
    (
        "subscription-renewal",
        F,
        "subscriptions",
        ["renewal"],
        ["subscription"],
        ["subscription", "renewal"],
        {
            "en": (
                "Does my subscription renew automatically?",
                "Yes, and we tell you a month before.",
                "Yes. One month before the renewal date we email you the new price, if it changes. You can stop at any time before the renewal date without cost.",
            ),
            "nl": (
                "Wordt mijn abonnement automatisch verlengd?",
                "Ja, en we laten het je een maand van tevoren weten.",
                "Ja. Een maand voor de verlengdatum mailen we je de nieuwe prijs, als die verandert. Je kunt voor de verlengdatum op elk moment kosteloos stoppen.",
            ),
            "de": (
                "Verlängert sich mein Abo automatisch?",
                "Ja, und wir informieren Sie einen Monat vorher.",
                "Ja. Einen Monat vor dem Verlängerungsdatum schicken wir Ihnen den neuen Preis per E-Mail, falls er sich ändert. Sie können jederzeit vor dem Verlängerungsdatum kostenlos kündigen.",
            ),
        },
    ),
    (
        "subscription-price-change",
        F,
        "subscriptions",
        ["renewal", "billing"],
        ["subscription"],
        ["subscription", "payment"],
        {
            "en": (
                "Why did my subscription price change?",
                "Prices follow the number of appliances covered.",
                "The monthly price depends on how many appliances are covered and their age. Adding an appliance or a yearly price review changes it; we always tell you a month in advance.",
            ),
            "nl": (
                "Waarom is de prijs van mijn abonnement veranderd?",
                "De prijs hangt af van het aantal gedekte apparaten.",
                "De maandprijs hangt af van hoeveel apparaten gedekt zijn en hoe oud ze zijn. Een apparaat toevoegen of de jaarlijkse prijsherziening verandert hem; we laten het altijd een maand van tevoren weten.",
            ),
            "de": (
                "Warum hat sich mein Abo-Preis geändert?",
                "Der Preis richtet sich nach der Zahl der geschützten Geräte.",
                "Der Monatspreis hängt davon ab, wie viele Geräte geschützt sind und wie alt sie sind. Ein weiteres Gerät oder die jährliche Preisprüfung ändert ihn; wir informieren Sie immer einen Monat vorher.",
            ),
        },
    ),
    # --- Quotes
    (
        "understanding-your-quote",
        A,
        "quotes",
        ["quote-question"],
        ["quote"],
        ["quote"],
        {
            "en": (
                "Understanding your quote",
                "What is included, how long it is valid and how to accept it.",
                "A quote lists the appliances, delivery, installation and removal of old appliances, with the total price including VAT.\n\n## Valid for 14 days\nPrices are fixed until the date on the quote. Accept it from **My Stuff**; we then reserve the stock and plan delivery.\n\nWant a change? Ask us before accepting and we send a new version.",
            ),
            "nl": (
                "Je offerte begrijpen",
                "Wat erin zit, hoe lang hij geldig is en hoe je hem accepteert.",
                "Een offerte noemt de apparaten, bezorging, installatie en het afvoeren van oude apparaten, met de totaalprijs inclusief btw.\n\n## 14 dagen geldig\nPrijzen staan vast tot de datum op de offerte. Accepteer hem vanuit **Mijn spullen**; dan reserveren we de voorraad en plannen we de bezorging.\n\nWil je iets wijzigen? Vraag het ons voor je accepteert en we sturen een nieuwe versie.",
            ),
            "de": (
                "Ihr Angebot verstehen",
                "Was enthalten ist, wie lange es gilt und wie Sie es annehmen.",
                "Ein Angebot nennt Geräte, Lieferung, Installation und Entsorgung alter Geräte, mit dem Gesamtpreis inklusive MwSt.\n\n## 14 Tage gültig\nDie Preise gelten bis zum Datum auf dem Angebot. Nehmen Sie es in **Meine Sachen** an; dann reservieren wir die Ware und planen die Lieferung.\n\nSie möchten etwas ändern? Fragen Sie uns vor der Annahme und wir schicken eine neue Version.",
            ),
        },
    ),
    (
        "quote-expiring",
        F,
        "quotes",
        ["quote-question"],
        ["quote"],
        ["quote"],
        {
            "en": (
                "My quote is about to expire",
                "Extending a quote.",
                "We can extend a quote once by 14 days as long as the appliances are in stock. Ask before the expiry date; after it, we make a new quote at current prices.",
            ),
            "nl": (
                "Mijn offerte verloopt bijna",
                "Een offerte verlengen.",
                "We kunnen een offerte één keer met 14 dagen verlengen zolang de apparaten op voorraad zijn. Vraag het voor de vervaldatum; daarna maken we een nieuwe offerte tegen de actuele prijzen.",
            ),
            "de": (
                "Mein Angebot läuft bald ab",
                "Ein Angebot verlängern.",
                "Wir können ein Angebot einmal um 14 Tage verlängern, solange die Geräte vorrätig sind. Fragen Sie vor dem Ablaufdatum; danach erstellen wir ein neues Angebot zu aktuellen Preisen.",
            ),
        },
    ),
    (
        "kitchen-bundle-discount",
        F,
        "quotes",
        ["quote-question", "billing"],
        ["quote"],
        ["quote", "payment"],
        {
            "en": (
                "Is there a discount for a kitchen bundle?",
                "Three or more appliances in one quote.",
                "Yes. A quote with three or more built-in appliances gets 10% off the appliances and free installation. The discount is already in the quote total.",
            ),
            "nl": (
                "Is er korting op een keukenpakket?",
                "Drie of meer apparaten in één offerte.",
                "Ja. Een offerte met drie of meer inbouwapparaten krijgt 10% korting op de apparaten en gratis installatie. De korting zit al in het totaal van de offerte.",
            ),
            "de": (
                "Gibt es Rabatt auf ein Küchenpaket?",
                "Drei oder mehr Geräte in einem Angebot.",
                "Ja. Ein Angebot mit drei oder mehr Einbaugeräten erhält 10 % Rabatt auf die Geräte und kostenlose Installation. Der Rabatt ist bereits im Angebotspreis enthalten.",
            ),
        },
    ),
    # --- Account and marketing
    (
        "stop-marketing-emails",
        A,
        "account",
        ["unsubscribe"],
        ["marketing"],
        ["marketing", "privacy"],
        {
            "en": (
                "Stop marketing emails and texts",
                "Choose what you hear from us.",
                "Every marketing email has an **unsubscribe** link at the bottom. You can also choose per channel (email, text, post) in your account. Service messages about your orders and visits keep coming; they are not marketing.",
            ),
            "nl": (
                "Stoppen met marketingmails en -sms'jes",
                "Kies wat je van ons hoort.",
                "Elke marketingmail heeft onderaan een link om je **af te melden**. Je kunt ook per kanaal (e-mail, sms, post) kiezen in je account. Servicebericht over je bestellingen en bezoeken blijf je ontvangen; die zijn geen marketing.",
            ),
            "de": (
                "Marketing-E-Mails und SMS abbestellen",
                "Wählen Sie, was Sie von uns hören.",
                "Jede Marketing-E-Mail hat unten einen Link zum **Abmelden**. Sie können auch pro Kanal (E-Mail, SMS, Post) in Ihrem Konto wählen. Servicenachrichten zu Bestellungen und Besuchen erhalten Sie weiter; sie sind kein Marketing.",
            ),
        },
    ),
    (
        "why-did-i-get-this-offer",
        F,
        "account",
        ["unsubscribe", "something-else"],
        ["marketing"],
        ["marketing"],
        {
            "en": (
                "Why did I receive this offer?",
                "How we choose what to send you.",
                "Offers are based on what you bought and the categories you looked at, only if you agreed to marketing. You can see and change your choices in your account at any time.",
            ),
            "nl": (
                "Waarom kreeg ik deze aanbieding?",
                "Hoe we kiezen wat we je sturen.",
                "Aanbiedingen zijn gebaseerd op wat je kocht en de categorieën die je bekeek, alleen als je toestemming gaf voor marketing. Je kunt je keuzes altijd bekijken en wijzigen in je account.",
            ),
            "de": (
                "Warum habe ich dieses Angebot erhalten?",
                "Wie wir auswählen, was wir Ihnen senden.",
                "Angebote beruhen auf Ihren Käufen und den Kategorien, die Sie angesehen haben, nur wenn Sie dem Marketing zugestimmt haben. Sie können Ihre Auswahl jederzeit im Konto ansehen und ändern.",
            ),
        },
    ),
    (
        "sign-in-with-a-code",
        F,
        "account",
        [],
        [],
        ["account"],
        {
            "en": (
                "How do I sign in without a password?",
                "A one-time code by email.",
                "On the sign-in page choose **email me a code**. Enter the code from the email within 15 minutes. It works once.",
            ),
            "nl": (
                "Hoe log ik in zonder wachtwoord?",
                "Een eenmalige code per e-mail.",
                "Kies op de inlogpagina **mail me een code**. Vul de code uit de e-mail binnen 15 minuten in. Hij werkt één keer.",
            ),
            "de": (
                "Wie melde ich mich ohne Passwort an?",
                "Ein Einmalcode per E-Mail.",
                "Wählen Sie auf der Anmeldeseite **Code per E-Mail senden**. Geben Sie den Code aus der E-Mail innerhalb von 15 Minuten ein. Er funktioniert einmal.",
            ),
        },
    ),
    (
        "follow-your-case",
        A,
        "account",
        ["something-else"],
        [],
        ["case"],
        {
            "en": (
                "Follow your case",
                "Every contact becomes a case you can follow in My Stuff.",
                "When you contact us we open a **case** with a reference like C-000123. In **My Stuff** you see its status, what we promised and by when.\n\nTo add something, open the case and choose **Contact us about this**: you do not need to explain it again.",
            ),
            "nl": (
                "Je zaak volgen",
                "Elk contact wordt een zaak die je in Mijn spullen volgt.",
                "Als je contact opneemt, openen we een **zaak** met een referentie zoals C-000123. In **Mijn spullen** zie je de status, wat we beloofden en wanneer.\n\nWil je iets toevoegen, open dan de zaak en kies **Neem contact op hierover**: je hoeft niets opnieuw uit te leggen.",
            ),
            "de": (
                "Ihren Fall verfolgen",
                "Jeder Kontakt wird ein Fall, den Sie in Meine Sachen verfolgen.",
                "Wenn Sie uns kontaktieren, eröffnen wir einen **Fall** mit einer Nummer wie C-000123. In **Meine Sachen** sehen Sie Status, Zusagen und Fristen.\n\nMöchten Sie etwas ergänzen, öffnen Sie den Fall und wählen Sie **Uns dazu kontaktieren**: Sie müssen nichts erneut erklären.",
            ),
        },
    ),
    (
        "opening-hours",
        F,
        "account",
        ["something-else"],
        [],
        ["contact"],
        {
            "en": (
                "When can I reach you?",
                "Phone, chat and callbacks, and messages any time.",
                "Phone, chat and callbacks: Monday to Friday 08:00 to 20:00, Saturday 09:00 to 17:00. Messages can be sent any time; we answer within one working day.",
            ),
            "nl": (
                "Wanneer kan ik jullie bereiken?",
                "Telefoon, chat en terugbellen, en berichten altijd.",
                "Telefoon, chat en terugbellen: maandag tot en met vrijdag 08:00 tot 20:00, zaterdag 09:00 tot 17:00. Berichten kun je altijd sturen; we antwoorden binnen één werkdag.",
            ),
            "de": (
                "Wann erreiche ich Sie?",
                "Telefon, Chat und Rückruf, Nachrichten jederzeit.",
                "Telefon, Chat und Rückruf: Montag bis Freitag 08:00 bis 20:00 Uhr, Samstag 09:00 bis 17:00 Uhr. Nachrichten können Sie jederzeit senden; wir antworten innerhalb eines Werktags.",
            ),
        },
    ),
    (
        "energy-label",
        F,
        "installation",
        ["something-else"],
        ["order", "quote"],
        ["energy"],
        {
            "en": (
                "What does the energy label mean?",
                "A to G, and the yearly consumption.",
                "The label runs from A (most efficient) to G. The number under it is the yearly consumption in kWh with normal use: multiply it by your price per kWh to estimate the yearly cost.",
            ),
            "nl": (
                "Wat betekent het energielabel?",
                "A tot G, en het jaarverbruik.",
                "Het label loopt van A (zuinigst) tot G. Het getal eronder is het jaarverbruik in kWh bij normaal gebruik: vermenigvuldig het met je prijs per kWh voor de jaarlijkse kosten.",
            ),
            "de": (
                "Was bedeutet das Energielabel?",
                "A bis G und der Jahresverbrauch.",
                "Das Label reicht von A (am effizientesten) bis G. Die Zahl darunter ist der Jahresverbrauch in kWh bei normaler Nutzung: multiplizieren Sie ihn mit Ihrem Preis pro kWh für die jährlichen Kosten.",
            ),
        },
    ),
    (
        "dishwasher-not-cleaning",
        A,
        "engineer-visits",
        ["something-else"],
        ["order", "appointment"],
        ["repair", "dishwasher"],
        {
            "en": (
                "Dishwasher does not clean well",
                "Filter, spray arms, salt and rinse aid.",
                "1. Clean the **filter** at the bottom under running water once a month\n2. Check the spray arms turn freely and their holes are not blocked\n3. Refill salt and rinse aid; set the water hardness for your area\n4. Do not pre-rinse, but scrape off leftovers\n\nStill grey or gritty? Book an engineer from the order in **My Stuff**.",
            ),
            "nl": (
                "Vaatwasser wast niet goed schoon",
                "Filter, sproeiarmen, zout en glansmiddel.",
                "1. Spoel het **filter** onderin eens per maand schoon onder de kraan\n2. Controleer of de sproeiarmen vrij draaien en de gaatjes niet verstopt zijn\n3. Vul zout en glansmiddel bij; stel de waterhardheid voor je regio in\n4. Niet voorspoelen, wel etensresten eraf schrapen\n\nNog steeds grauw of korrelig? Boek een monteur vanuit de bestelling in **Mijn spullen**.",
            ),
            "de": (
                "Geschirrspüler reinigt nicht gut",
                "Filter, Sprüharme, Salz und Klarspüler.",
                "1. Spülen Sie den **Filter** unten einmal im Monat unter fließendem Wasser aus\n2. Prüfen Sie, ob sich die Sprüharme frei drehen und die Düsen frei sind\n3. Füllen Sie Salz und Klarspüler nach; stellen Sie die Wasserhärte ein\n4. Nicht vorspülen, aber Essensreste abkratzen\n\nImmer noch grau oder sandig? Buchen Sie einen Techniker über die Bestellung in **Meine Sachen**.",
            ),
        },
    ),
]

# Every other shipped language: the translations kept one module per language.
for _row in ARTICLES:
    for _language, _articles in TRANSLATIONS.items():
        _row[6][_language] = _articles[_row[0]]

# A draft, to show that drafts are never visible to customers.
DRAFTS: list[
    tuple[str, str, str, list[str], list[str], list[str], dict[str, tuple[str, str, str]]]
] = [
    (
        "draft-heat-pump-dryers",
        A,
        "installation",
        [],
        ["order"],
        ["dryer"],
        {
            "en": (
                "Heat-pump dryers (draft)",
                "Not published yet.",
                "Work in progress: condensate, filters and drying times.",
            )
        },
    ),
]

# Every shipped language: the reason names are what the customer chooses from.
REASON_TRANSLATIONS: dict[str, dict[str, str]] = {
    "where-is-my-order": {
        "nl": "Waar is mijn bestelling?",
        "de": "Wo ist meine Bestellung?",
        "fr": "Où est ma commande ?",
        "es": "¿Dónde está mi pedido?",
        "it": "Dov’è il mio ordine?",
        "pt": "Onde está a minha encomenda?",
        "pl": "Gdzie jest moje zamówienie?",
        "ar": "أين طلبي؟",
    },
    "change-or-cancel": {
        "nl": "Wijzigen of annuleren",
        "de": "Ändern oder stornieren",
        "fr": "Modifier ou annuler",
        "es": "Cambiar o cancelar",
        "it": "Modificare o annullare",
        "pt": "Alterar ou cancelar",
        "pl": "Zmień lub anuluj",
        "ar": "تغيير أو إلغاء",
    },
    "damaged-or-wrong": {
        "nl": "Beschadigd of verkeerd artikel",
        "de": "Beschädigt oder falscher Artikel",
        "fr": "Article endommagé ou erroné",
        "es": "Artículo dañado o equivocado",
        "it": "Articolo danneggiato o sbagliato",
        "pt": "Artigo danificado ou errado",
        "pl": "Uszkodzony lub niewłaściwy produkt",
        "ar": "منتج تالف أو خاطئ",
    },
    "damaged": {
        "nl": "Het is beschadigd aangekomen",
        "de": "Es kam beschädigt an",
        "fr": "Il est arrivé endommagé",
        "es": "Llegó dañado",
        "it": "È arrivato danneggiato",
        "pt": "Chegou danificado",
        "pl": "Dotarł uszkodzony",
        "ar": "وصل تالفًا",
    },
    "wrong-item": {
        "nl": "Ik heb het verkeerde artikel ontvangen",
        "de": "Ich habe den falschen Artikel erhalten",
        "fr": "J’ai reçu le mauvais article",
        "es": "Recibí un artículo equivocado",
        "it": "Ho ricevuto l’articolo sbagliato",
        "pt": "Recebi o artigo errado",
        "pl": "Otrzymałem niewłaściwy produkt",
        "ar": "استلمت منتجًا خاطئًا",
    },
    "return-or-refund": {
        "nl": "Retour of terugbetaling",
        "de": "Rücksendung oder Erstattung",
        "fr": "Retour ou remboursement",
        "es": "Devolución o reembolso",
        "it": "Reso o rimborso",
        "pt": "Devolução ou reembolso",
        "pl": "Zwrot lub zwrot pieniędzy",
        "ar": "إرجاع أو استرداد",
    },
    "billing": {
        "nl": "Facturen en betalen",
        "de": "Rechnung und Zahlung",
        "fr": "Facturation et paiement",
        "es": "Facturación y pago",
        "it": "Fatturazione e pagamento",
        "pt": "Faturação e pagamento",
        "pl": "Faktury i płatności",
        "ar": "الفواتير والدفع",
    },
    "something-else": {
        "nl": "Iets anders",
        "de": "Etwas anderes",
        "fr": "Autre chose",
        "es": "Otra cosa",
        "it": "Altro",
        "pt": "Outro assunto",
        "pl": "Coś innego",
        "ar": "شيء آخر",
    },
    "visit-time": {
        "nl": "Wanneer komt de monteur?",
        "de": "Wann kommt der Techniker?",
        "fr": "Quand le technicien vient-il ?",
        "es": "¿Cuándo viene el técnico?",
        "it": "Quando arriva il tecnico?",
        "pt": "Quando vem o técnico?",
        "pl": "Kiedy przyjdzie technik?",
        "ar": "متى يأتي الفني؟",
    },
    "quote-question": {
        "nl": "Een vraag over mijn offerte",
        "de": "Eine Frage zu meinem Angebot",
        "fr": "Une question sur mon devis",
        "es": "Una pregunta sobre mi presupuesto",
        "it": "Una domanda sul mio preventivo",
        "pt": "Uma pergunta sobre o meu orçamento",
        "pl": "Pytanie o moją wycenę",
        "ar": "سؤال عن عرض السعر",
    },
    "renewal": {
        "nl": "Verlenging en voorwaarden",
        "de": "Verlängerung und Vertragsbedingungen",
        "fr": "Renouvellement et conditions",
        "es": "Renovación y condiciones",
        "it": "Rinnovo e condizioni",
        "pt": "Renovação e condições",
        "pl": "Odnowienie i warunki",
        "ar": "التجديد والشروط",
    },
    "unsubscribe": {
        "nl": "Stop deze berichten",
        "de": "Diese Nachrichten abbestellen",
        "fr": "Arrêter ces messages",
        "es": "Dejar de recibir estos mensajes",
        "it": "Interrompi questi messaggi",
        "pt": "Parar estas mensagens",
        "pl": "Zatrzymaj te wiadomości",
        "ar": "أوقف هذه الرسائل",
    },
    # Reasons that fit a delivered item or an enquiry (issue 22), in every shipped language.
    "fault-or-repair": {
        "ar": "عطل أو إصلاح أو ضمان",
        "de": "Defekt, Reparatur oder Garantie",
        "es": "Una avería, reparación o garantía",
        "fr": "Une panne, une réparation ou la garantie",
        "it": "Un guasto, una riparazione o la garanzia",
        "nl": "Een storing, reparatie of garantie",
        "pl": "Usterka, naprawa lub gwarancja",
        "pt": "Uma avaria, reparação ou garantia",
    },
    "not-working": {
        "ar": "لا يعمل كما ينبغي",
        "de": "Es funktioniert nicht richtig",
        "es": "No funciona bien",
        "fr": "Il ne fonctionne pas correctement",
        "it": "Non funziona bene",
        "nl": "Het werkt niet goed",
        "pl": "Nie działa prawidłowo",
        "pt": "Não funciona bem",
    },
    "warranty": {
        "ar": "هل لا يزال تحت الضمان؟",
        "de": "Ist noch Garantie darauf?",
        "es": "¿Sigue en garantía?",
        "fr": "Est-il encore sous garantie ?",
        "it": "È ancora in garanzia?",
        "nl": "Valt het nog onder de garantie?",
        "pl": "Czy jest jeszcze na gwarancji?",
        "pt": "Ainda está na garantia?",
    },
    "book-repair": {
        "ar": "احجز إصلاحًا",
        "de": "Eine Reparatur buchen",
        "es": "Reservar una reparación",
        "fr": "Réserver une réparation",
        "it": "Prenota una riparazione",
        "nl": "Een reparatie boeken",
        "pl": "Umów naprawę",
        "pt": "Marcar uma reparação",
    },
    "enquiry-news": {
        "ar": "هل من جديد بشأن استفساري؟",
        "de": "Gibt es Neuigkeiten zu meiner Anfrage?",
        "es": "¿Hay novedades sobre mi consulta?",
        "fr": "Du nouveau sur ma demande ?",
        "it": "Novità sulla mia richiesta?",
        "nl": "Nieuws over mijn aanvraag?",
        "pl": "Czy są wieści w sprawie mojego zapytania?",
        "pt": "Há novidades sobre o meu pedido?",
    },
    "enquiry-details": {
        "ar": "أضف تفاصيل إلى استفساري",
        "de": "Details zu meiner Anfrage ergänzen",
        "es": "Añadir detalles a mi consulta",
        "fr": "Ajouter des détails à ma demande",
        "it": "Aggiungi dettagli alla mia richiesta",
        "nl": "Details aan mijn aanvraag toevoegen",
        "pl": "Dodaj szczegóły do zapytania",
        "pt": "Acrescentar detalhes ao meu pedido",
    },
}


# Community threads: (key, language, topic, title, body, [(author key, body)], accepted index)
# Author keys: "customer" is the demo customer, "staff" the demo agent, others are demo
# community members created by the seed.
THREADS: list[tuple[str, str, str, str, str, list[tuple[str, str]], int | None]] = [
    (
        "wm-noisy-spin",
        "en",
        "installation",
        "Why is my new washing machine so loud when spinning?",
        "It shakes and bangs during the spin cycle. Installed it myself last week.",
        [
            (
                "member1",
                "Did you take out the transit bolts at the back? Mine did exactly this until I removed them.",
            ),
            (
                "staff",
                "Transit bolts are the usual cause. Also check the machine is level: turn the feet until a spirit level on top is flat. See our article on installing your washing machine.",
            ),
            (
                "member2",
                "Putting it on a solid floor instead of the wooden one in the attic helped for me.",
            ),
        ],
        0,
    ),
    (
        "fridge-humming",
        "en",
        "installation",
        "Is it normal that the fridge hums at night?",
        "Our new FF-620 makes a low humming noise, mostly at night.",
        [
            (
                "member2",
                "Yes, the compressor switches on and off. It is just quieter at night so you notice it more.",
            ),
            (
                "staff",
                "A steady hum is normal. A loud rattle is not: check it is not touching the wall or cupboard. Leave 5 cm at the back.",
            ),
        ],
        1,
    ),
    (
        "return-installed-dishwasher",
        "en",
        "returns",
        "Can I return a dishwasher after it was installed?",
        "It does not fit our plates well. It has been installed for 10 days.",
        [
            (
                "staff",
                "Yes, within 30 days. It has to be disconnected first; our engineers do that for EUR 45 and collect it the same day.",
            ),
            (
                "member1",
                "I did this last year, it went smoothly. Keep the box if you still have it.",
            ),
        ],
        0,
    ),
    (
        "careplus-worth-it",
        "en",
        "warranties",
        "Is CarePlus worth it for an older washing machine?",
        "My machine is 4 years old, out of warranty. Thinking about CarePlus.",
        [
            (
                "member3",
                "It paid for itself for me when the pump broke: that repair alone would have been EUR 180.",
            ),
            (
                "staff",
                "Appliances up to 8 years old can be covered. The price depends on the age; you see it before you confirm.",
            ),
        ],
        None,
    ),
    (
        "delivery-slot-text",
        "en",
        "deliveries",
        "I did not get the text with my delivery slot",
        "Delivery is today according to the email, but no text message yet.",
        [
            ("member2", "Check the phone number in your account. Mine had an old number."),
            (
                "staff",
                "The text goes out by 08:00. If you have nothing by then, the tracking page also shows the slot. Contact us if neither shows it.",
            ),
        ],
        1,
    ),
    (
        "quote-change-colour",
        "en",
        "quotes",
        "Can I change the colour of an oven in my quote?",
        "The quote has the black model, I would like stainless steel.",
        [
            (
                "staff",
                "Yes, ask us before accepting and we send a new version of the quote with the other colour and its price.",
            )
        ],
        0,
    ),
    (
        "nl-wasmachine-lekt",
        "nl",
        "engineer-visits",
        "Mijn wasmachine lekt aan de voorkant",
        "Er ligt na elke was een plasje water voor de machine.",
        [
            (
                "member1",
                "Kijk of het pompfilter goed vastgedraaid is na het schoonmaken. Dat was bij mij het probleem.",
            ),
            (
                "staff",
                "Controleer ook de rubberen manchet bij de deur op sokken of scheurtjes. Lekt hij daarna nog, dan plannen we een monteur.",
            ),
        ],
        1,
    ),
    (
        "nl-bezorging-verdieping",
        "nl",
        "deliveries",
        "Bezorgen jullie een koelkast op de vierde verdieping zonder lift?",
        "We wonen op vier hoog in Amsterdam, geen lift.",
        [
            (
                "staff",
                "Zonder lift dragen we tot de derde verdieping. Voor vier hoog kunnen we een verhuislift regelen tegen meerprijs; neem contact op voor de mogelijkheden.",
            ),
            ("member3", "Wij hebben dat gedaan met een verhuislift, ging prima."),
        ],
        0,
    ),
    (
        "de-rechnung-firma",
        "de",
        "billing",
        "Kann ich die Rechnung nachträglich auf meine Firma ausstellen lassen?",
        "Ich habe als Privatperson bestellt, brauche aber eine Firmenrechnung.",
        [
            (
                "staff",
                "Ja, innerhalb von 30 Tagen. Schicken Sie uns Firmenname und USt-IdNr., dann erhalten Sie eine korrigierte Rechnung.",
            ),
            ("member2", "Hat bei mir zwei Tage gedauert."),
        ],
        0,
    ),
    (
        "de-geschirrspueler-salz",
        "de",
        "engineer-visits",
        "Geschirrspüler zeigt immer Salz leer an",
        "Ich habe Salz nachgefüllt, aber die Anzeige bleibt an.",
        [
            (
                "member1",
                "Nach dem Nachfüllen braucht es manchmal ein oder zwei Spülgänge, bis die Anzeige ausgeht.",
            ),
            (
                "staff",
                "Prüfen Sie auch die eingestellte Wasserhärte. Bleibt die Anzeige nach drei Spülgängen an, ist vielleicht der Sensor defekt; dann schicken wir einen Techniker.",
            ),
        ],
        None,
    ),
]

COMMUNITY_MEMBERS: list[dict[str, Any]] = [
    {"key": "member1", "email": "sanne@example.com", "name": "Sanne de Boer"},
    {"key": "member2", "email": "tom@example.com", "name": "Tom Becker"},
    {"key": "member3", "email": "priya@example.com", "name": "Priya Shah"},
]
