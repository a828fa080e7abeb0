# ruff: noqa: E501  (prose content: long lines read better than split strings)
"""The demo articles in Polish: {slug: (title, summary, body)}, markup as in English."""

ARTICLES: dict[str, tuple[str, str, str]] = {
    "track-your-delivery": (
        "Śledź swoją dostawę",
        "Śledź zamówienie od naszego magazynu aż do Twoich drzwi.",
        "Każde zamówienie dostaje numer przesyłki od naszego przewoźnika HomeFreight, gdy tylko opuści magazyn.\n\n"
        "## Gdzie go znaleźć\n- Otwórz **Moje rzeczy** i wybierz zamówienie\n- Numer przesyłki i przewoźnik są podane przy zamówieniu\n- Dostajesz go też e-mailem w dniu wysyłki\n\n"
        "W dniu dostawy rano dostajesz SMS-em dwugodzinne okno czasowe.",
    ),
    "late-delivery": (
        "Moja dostawa się spóźnia",
        "Co się dzieje, gdy zamówienie nie dotrze w terminie, i co możesz zrobić.",
        "Czasem dostawa się przesuwa z powodu braków w magazynie lub przepustowości przewoźnika. Wtedy wysyłamy Ci e-mailem nowy termin.\n\n"
        "## Co możesz zrobić\n1. Sprawdź numer przesyłki przy zamówieniu w **Moje rzeczy**\n2. Jeśli nowy termin Ci nie pasuje, wybierz inny na stronie śledzenia przewoźnika\n3. Jeśli 24 godziny po obiecanym dniu nadal nie ma nowego terminu, skontaktuj się z nami, a my ponaglimy przewoźnika\n\n"
        "Duże urządzenia dostarczają dwie osoby; na zmianę terminu potrzebujemy jednego dnia wyprzedzenia.",
    ),
    "delivery-time-slots": (
        "O której przyjdzie moje zamówienie?",
        "Okna dostaw i jak się o nich dowiesz.",
        "Dostarczamy od poniedziałku do soboty w godzinach 07:00–21:00. Rano w dniu dostawy dostajesz SMS-em dwugodzinne okno, a kierowca dzwoni 30 minut przed przyjazdem.",
    ),
    "not-home-for-delivery": (
        "Co jeśli nie będzie mnie w domu podczas dostawy?",
        "Nieudane dostawy i nowy termin.",
        "Jeśli nikogo nie ma w domu, kierowca zostawia awizo, a zamówienie wraca do magazynu. Nowy dzień możesz wybrać przez link w SMS-ie. Dużych urządzeń nie zostawiamy u sąsiadów.",
    ),
    "delivery-to-upper-floors": (
        "Czy dostarczacie na wyższe piętra?",
        "Schody, windy i wąskie drzwi.",
        "Tak. Nasza dwuosobowa ekipa wnosi urządzenia do trzeciego piętra bez windy. Wyżej potrzebna jest działająca winda. Przed zamówieniem zmierz drzwi i klatkę schodową: lodówko-zamrażarka potrzebuje co najmniej 70 cm.",
    ),
    "change-delivery-address": (
        "Zmiana adresu lub terminu dostawy",
        "Dopóki zamówienie nie opuści magazynu, możesz zmienić miejsce i termin.",
        "Adres lub dzień dostawy możesz zmienić do momentu wysyłki zamówienia.\n\n"
        "- Przed wysyłką: skontaktuj się z nami, a zmienimy to od razu\n- Po wysyłce: wybierz inny dzień na stronie śledzenia przewoźnika; adresu nie można już zmienić\n\n"
        "Nowy adres w innym kraju to nowe zamówienie.",
    ),
    "cancel-an-order": (
        "Anulowanie zamówienia",
        "Jak anulować przed wysyłką lub po niej i kiedy dostaniesz zwrot pieniędzy.",
        "## Przed wysyłką\nSkontaktuj się z nami, a bezpłatnie anulujemy zamówienie. Zwrot trafi na Twoje konto w ciągu 5 dni roboczych.\n\n"
        "## Po wysyłce\nOdmów przyjęcia dostawy przy drzwiach albo ją przyjmij i zwróć urządzenie w ciągu 30 dni. Zobacz **Zwrot urządzenia**.",
    ),
    "arrived-damaged": (
        "Moje urządzenie dotarło uszkodzone",
        "Zgłoś uszkodzenie w ciągu 48 godzin, a my je wymienimy lub naprawimy.",
        "Przykro nam. Nie używaj uszkodzonego urządzenia.\n\n"
        "1. Zrób zdjęcia uszkodzenia i opakowania\n2. Zgłoś to w ciągu 48 godzin od dostawy\n3. Odbieramy urządzenie i dostarczamy nowe, zwykle w ciągu 5 dni roboczych\n\n"
        "Drobne wgniecenia z boku urządzenia do zabudowy można też zrekompensować rabatem, jeśli wolisz je zatrzymać.",
    ),
    "wrong-item-delivered": (
        "Otrzymałem niewłaściwy produkt",
        "Wymienimy go bez kosztów.",
        "Porównaj numer modelu na tabliczce znamionowej z zamówieniem w **Moje rzeczy**. Jeśli się różni, zachowaj opakowanie i skontaktuj się z nami: odbierzemy niewłaściwy produkt i, gdy to możliwe, przy tej samej okazji dostarczymy właściwy.",
    ),
    "missing-parts": (
        "Brakuje części lub akcesorium",
        "Półki, węże, nóżki i instrukcje.",
        "Najpierw zajrzyj do bębna lub na półki w drzwiach: akcesoria często są zapakowane w środku. Jeśli części naprawdę brakuje, podaj nam numer modelu i nazwę części, a wyślemy ją w ciągu 3 dni roboczych.",
    ),
    "return-an-appliance": (
        "Zwrot urządzenia",
        "30 dni na zmianę zdania, z odbiorem z domu.",
        "Każde urządzenie możesz zwrócić w ciągu 30 dni od dostawy.\n\n"
        "## Jak to działa\n1. Skontaktuj się z nami, podając numer zamówienia\n2. Umawiamy odbiór; duże urządzenia odbierają dwie osoby\n3. Po sprawdzeniu urządzenia zwracamy pieniądze w ciągu 5 dni roboczych\n\n"
        "Zainstalowane urządzenie trzeba najpierw odłączyć. Nasi technicy mogą to zrobić za opłatą.",
    ),
    "refund-timing": (
        "Kiedy dostanę zwrot pieniędzy?",
        "Zwrot trafia tam, skąd przyszła płatność.",
        "Zwracamy pieniądze w ciągu 5 dni roboczych od otrzymania zwrotu. Zwrot na kartę może pojawić się na wyciągu po kolejnych 3–5 dniach; iDEAL i przelewy docierają zwykle następnego dnia.",
    ),
    "return-costs": (
        "Czy zwrot coś kosztuje?",
        "Odbiór w ciągu 30 dni jest bezpłatny.",
        "Odbiór w ciągu 30 dni jest bezpłatny. Jeśli urządzenie instalowaliśmy my, jego odłączenie kosztuje 45 EUR. Zwroty produktów uszkodzonych lub niewłaściwych są zawsze bezpłatne.",
    ),
    "old-appliance-recycling": (
        "Czy zabierzecie moje stare urządzenie?",
        "Bezpłatny recykling przy dostawie nowego.",
        "Tak. Przy dostawie nowego urządzenia bezpłatnie zabieramy stare tego samego typu. Musi być odłączone, puste i rozmrożone (lodówkę rozmroź 24 godziny wcześniej).",
    ),
    "install-washing-machine": (
        "Instalacja pralki",
        "Blokady transportowe, woda, odpływ i poziomowanie.",
        "## Przed pierwszym praniem\n1. Wykręć **blokady transportowe** z tyłu; zachowaj je na przeprowadzkę\n2. Podłącz wąż dopływowy do kranu z zimną wodą, a wąż odpływowy na wysokości co najmniej 60 cm\n3. Wypoziomuj pralkę, kręcąc nóżkami; chwiejąca się pralka jest głośna i szybciej się zużywa\n4. Uruchom pusty program 60°, aby wyczyścić bęben\n\n"
        "Nasza usługa instalacji zrobi to wszystko za 90 EUR.",
    ),
    "fridge-first-use": (
        "Twoja nowa lodówko-zamrażarka: pierwszy dzień",
        "Odstaw ją, potem włącz i poczekaj, zanim ją zapełnisz.",
        "Po transporcie czynnik chłodniczy musi się ustabilizować.\n\n"
        "- Przed włączeniem postaw lodówko-zamrażarkę pionowo na **4 godziny**\n- Włącz ją i poczekaj, aż osiągnie 4 °C (około 6 godzin), zanim ją zapełnisz\n- Zostaw 5 cm wolnego miejsca z tyłu i u góry na przepływ powietrza\n\n"
        "Ciche buczenie lub klikanie w pierwszych dniach jest normalne.",
    ),
    "dishwasher-installation": (
        "Instalacja zmywarki",
        "Do zabudowy lub wolnostojąca, woda i prąd.",
        "Zmywarka potrzebuje kranu z zimną wodą z przyłączem 3/4 cala, odpływu i uziemionego gniazdka w odległości do 1,5 m.\n\n"
        "## Modele do zabudowy\nFront meblowy Twojej kuchni mocuje się do drzwi zmywarki za pomocą szablonu z pudełka. Nasi instalatorzy montują zmywarki do zabudowy za 120 EUR.",
    ),
    "installation-service": (
        "Czy możecie zainstalować moje urządzenie?",
        "Instalacja w dniu dostawy.",
        "Tak. Dodaj instalację przy składaniu zamówienia albo skontaktuj się z nami przed wysyłką. Ekipa w dniu dostawy podłącza, poziomuje i sprawdza urządzenie oraz zabiera opakowanie.",
    ),
    "oven-hob-connection": (
        "Czy mogę sam podłączyć płytę indukcyjną?",
        "Dlaczego potrzebny jest instalator z uprawnieniami.",
        "Płyta indukcyjna zwykle wymaga osobnego przyłącza dwufazowego. Dla Twojego bezpieczeństwa i ważności gwarancji musi ją podłączyć instalator z uprawnieniami. Nasi technicy zrobią to za 95 EUR.",
    ),
    "engineer-visit-what-to-expect": (
        "Wizyta technika: czego się spodziewać",
        "Okna czasowe, przygotowanie i co przywozi technik.",
        "Wizyty umawiamy w **4-godzinnym oknie**. Wieczorem dzień wcześniej dostajesz SMS z imieniem technika, który dzwoni, gdy jest w drodze.\n\n"
        "## Przygotuj\n- Zrób miejsce wokół urządzenia\n- Miej pod ręką numer modelu i dowód zakupu\n- W przypadku pralki opróżnij bęben i filtr\n\n"
        "Większość napraw kończy się na jednej wizycie; gdy trzeba zamówić część, umawiamy kolejną wizytę, zanim technik wyjdzie.",
    ),
    "reschedule-engineer-visit": (
        "Zmiana lub odwołanie wizyty technika",
        "Bezpłatnie do 18:00 dzień wcześniej.",
        "Wizytę możesz bezpłatnie przełożyć lub odwołać do 18:00 dnia poprzedzającego. Skontaktuj się z nami, podając numer wizyty (zaczyna się od VIS-). Późniejsze zmiany są możliwe, ale technik może mieć już zaplanowaną trasę.",
    ),
    "engineer-running-late": (
        "Technik jeszcze nie przyjechał",
        "Co zrobić, gdy okno czasowe minęło.",
        "Technicy dzwonią, gdy są w drodze. Jeśli Twoje 4-godzinne okno minęło bez telefonu, skontaktuj się z nami: sprawdzimy, gdzie jest technik, i od razu podamy nową godzinę.",
    ),
    "washing-machine-not-draining": (
        "Pralka nie odpompowuje wody",
        "Trzy sprawdzenia, które w większości przypadków pomagają jeszcze przed wizytą technika.",
        "Przed wizytą spróbuj tego:\n\n"
        "1. Wyczyść **filtr pompy** za małą klapką na dole z przodu (najpierw podłóż ręcznik)\n2. Sprawdź, czy wąż odpływowy nie jest zagięty ani wsunięty za głęboko w rurę odpływową\n3. Uruchom program *płukanie i wirowanie*\n\n"
        "Jeśli woda nadal zostaje w bębnie, nie odwołuj wizyty technika: pompa prawdopodobnie wymaga wymiany.",
    ),
    "book-a-repair": (
        "Jak umówić naprawę?",
        "W ramach gwarancji lub CarePlus naprawy są bezpłatne.",
        "Skontaktuj się z nami z poziomu zamówienia w **Moje rzeczy** i wybierz problem. W ramach gwarancji lub ochrony CarePlus wizyta i części są bezpłatne; w przeciwnym razie dojazd kosztuje 69 EUR plus części.",
    ),
    "warranty-explained": (
        "Twoja gwarancja w skrócie",
        "Dwa lata na każde urządzenie, pięć lat na silnik wybranych modeli.",
        "Każde urządzenie ma **2-letnią gwarancję** od daty dostawy, obejmującą części, robociznę i wizytę technika.\n\n"
        "## Gwarancja nie obejmuje\n- Uszkodzeń wynikających z niewłaściwego użytkowania, kamienia lub błędnej instalacji wykonanej przez kogoś innego\n- Materiałów eksploatacyjnych, takich jak filtry i żarówki\n\n"
        "Wybrane pralki mają 5 lat gwarancji na silnik. Twoje zamówienie w **Moje rzeczy** jest dowodem zakupu.",
    ),
    "proof-of-purchase": (
        "Gdzie jest mój dowód zakupu?",
        "Twoja faktura jest zawsze w Moje rzeczy.",
        "Otwórz zamówienie w **Moje rzeczy** i pobierz fakturę. Jest ważnym dowodem zakupu przy roszczeniach gwarancyjnych, także w innych serwisach.",
    ),
    "careplus-cover": (
        "Ochrona urządzeń CarePlus",
        "Naprawy, części i wymiana, gdy naprawa jest niemożliwa.",
        "CarePlus przedłuża ochronę Twoich urządzeń poza okres gwarancji za miesięczną opłatą.\n\n"
        "- Nielimitowane naprawy, części i robocizna\n- Technik w ciągu 3 dni roboczych\n- Wymiana na urządzenie o tej samej wartości, jeśli naprawa jest niemożliwa\n\n"
        "CarePlus możesz zakończyć w każdym miesiącu; po pierwszych 12 miesiącach nie ma minimalnego okresu umowy.",
    ),
    "warranty-after-move": (
        "Czy gwarancja jest ważna po przeprowadzce?",
        "Tak, jeśli urządzenie przewieziono bezpiecznie.",
        "Tak. Załóż z powrotem blokady transportowe pralki i po przeprowadzce odstaw lodówkę na 4 godziny. Uszkodzenia spowodowane samą przeprowadzką nie są objęte gwarancją.",
    ),
    "payment-methods": (
        "Jakimi metodami mogę zapłacić?",
        "iDEAL, karty, przelew i raty.",
        "Możesz zapłacić przez iDEAL, kartą Visa, Mastercard, American Express, przelewem lub w 3 ratach bez odsetek. Klienci firmowi mogą zapłacić na fakturę z terminem 14 dni.",
    ),
    "charged-twice": (
        "Pobrano ode mnie opłatę dwa razy",
        "Blokady środków, podwójne płatności i jak je naprawiamy.",
        "Nieudana płatność kartą może być jeszcze widoczna jako **blokada środków** nawet przez 7 dni; znika sama.\n\n"
        "Jeśli naprawdę pobrano dwie płatności:\n1. Sprawdź obie kwoty na wyciągu\n2. Skontaktuj się z nami, podając numer zamówienia\n3. Zwrócimy podwójną płatność w ciągu 2 dni roboczych",
    ),
    "invoice-vat": (
        "Czy mogę dostać fakturę VAT na firmę?",
        "Zmień dane do faktury przed płatnością lub po niej.",
        "Tak. Przy składaniu zamówienia podaj nazwę firmy i numer NIP. Jeśli o tym zapomniałeś, skontaktuj się z nami w ciągu 30 dni, a wystawimy fakturę korygującą.",
    ),
    "pay-in-instalments": (
        "Płatność w ratach",
        "Rozłóż koszt na 3 miesiące bez odsetek.",
        "Przy zamówieniach powyżej 300 EUR możesz zapłacić w 3 miesięcznych ratach bez odsetek i opłat. Pierwsza rata jest pobierana w dniu wysyłki zamówienia. Nieudaną ratę pobieramy ponownie po 5 dniach; wcześniej wysyłamy Ci e-mail.",
    ),
    "manage-careplus-subscription": (
        "Zmiana lub rezygnacja z subskrypcji CarePlus",
        "Dodaj urządzenia, zmień dzień płatności lub zrezygnuj.",
        "Twoja subskrypcja jest w **Moje rzeczy**. Stamtąd możesz:\n\n"
        "- dodać lub usunąć objęte ochroną urządzenia\n- zmienić dzień miesięcznej płatności\n- zakończyć subskrypcję z końcem bieżącego miesiąca\n\n"
        "Rezygnacja w ciągu pierwszych 12 miesięcy kosztuje pozostałe miesiące tego roku.",
    ),
    "subscription-renewal": (
        "Czy moja subskrypcja odnawia się automatycznie?",
        "Tak, a my informujemy o tym miesiąc wcześniej.",
        "Tak. Miesiąc przed datą odnowienia wysyłamy Ci e-mailem nową cenę, jeśli się zmienia. Możesz zrezygnować w dowolnym momencie przed odnowieniem bez kosztów.",
    ),
    "subscription-price-change": (
        "Dlaczego zmieniła się cena mojej subskrypcji?",
        "Cena zależy od liczby urządzeń objętych ochroną.",
        "Miesięczna cena zależy od tego, ile urządzeń jest objętych ochroną, i od ich wieku. Zmienia ją dodanie urządzenia lub coroczny przegląd cen; zawsze informujemy o tym z miesięcznym wyprzedzeniem.",
    ),
    "understanding-your-quote": (
        "Jak czytać wycenę",
        "Co obejmuje, jak długo jest ważna i jak ją zaakceptować.",
        "Wycena zawiera urządzenia, dostawę, instalację i odbiór starych urządzeń oraz łączną cenę z VAT.\n\n"
        "## Ważna 14 dni\nCeny są stałe do daty podanej w wycenie. Zaakceptuj ją w **Moje rzeczy**; wtedy rezerwujemy towar i planujemy dostawę.\n\n"
        "Chcesz coś zmienić? Napisz do nas przed akceptacją, a wyślemy nową wersję.",
    ),
    "quote-expiring": (
        "Moja wycena wkrótce wygaśnie",
        "Przedłużenie wyceny.",
        "Wycenę możemy raz przedłużyć o 14 dni, o ile urządzenia są dostępne. Poproś o to przed datą ważności; później przygotujemy nową wycenę według aktualnych cen.",
    ),
    "kitchen-bundle-discount": (
        "Czy jest rabat na zestaw kuchenny?",
        "Trzy lub więcej urządzeń w jednej wycenie.",
        "Tak. Wycena z trzema lub więcej urządzeniami do zabudowy ma 10% rabatu na urządzenia i bezpłatną instalację. Rabat jest już uwzględniony w sumie wyceny.",
    ),
    "stop-marketing-emails": (
        "Rezygnacja z e-maili i SMS-ów marketingowych",
        "Wybierz, jakie wiadomości od nas dostajesz.",
        "Każdy e-mail marketingowy ma na dole link do **wypisania się**. Możesz też wybrać kanały (e-mail, SMS, poczta) na swoim koncie. Wiadomości serwisowe o zamówieniach i wizytach nadal będą przychodzić; to nie jest marketing.",
    ),
    "why-did-i-get-this-offer": (
        "Dlaczego dostałem tę ofertę?",
        "Jak wybieramy, co Ci wysyłamy.",
        "Oferty opierają się na tym, co kupiłeś, i na kategoriach, które przeglądałeś, i tylko jeśli zgodziłeś się na marketing. W każdej chwili możesz sprawdzić i zmienić swoje wybory na koncie.",
    ),
    "sign-in-with-a-code": (
        "Jak zalogować się bez hasła?",
        "Jednorazowy kod e-mailem.",
        "Na stronie logowania wybierz **Zamiast tego wyślij mi kod logowania e-mailem**. Wpisz kod z e-maila w ciągu 15 minut. Działa tylko raz.",
    ),
    "follow-your-case": (
        "Śledź swoje zgłoszenie",
        "Każdy kontakt staje się zgłoszeniem, które śledzisz w Moje rzeczy.",
        "Gdy się z nami kontaktujesz, otwieramy **zgłoszenie** z numerem w rodzaju C-000123. W **Moje rzeczy** widzisz jego status, co obiecaliśmy i na kiedy.\n\n"
        "Aby coś dodać, otwórz zgłoszenie i wybierz **Skontaktuj się z nami w tej sprawie**: nie musisz niczego tłumaczyć od nowa.",
    ),
    "opening-hours": (
        "Kiedy mogę się z Wami skontaktować?",
        "Telefon, czat i oddzwanianie, a wiadomości o każdej porze.",
        "Telefon, czat i oddzwanianie: od poniedziałku do piątku 08:00–20:00, w sobotę 09:00–17:00. Wiadomości możesz wysyłać o każdej porze; odpowiadamy w ciągu jednego dnia roboczego.",
    ),
    "energy-label": (
        "Co oznacza etykieta energetyczna?",
        "Od A do G i roczne zużycie.",
        "Etykieta ma skalę od A (najbardziej efektywne) do G. Liczba pod nią to roczne zużycie w kWh przy normalnym użytkowaniu: pomnóż ją przez swoją cenę za kWh, aby oszacować roczny koszt.",
    ),
    "dishwasher-not-cleaning": (
        "Zmywarka źle myje",
        "Filtr, ramiona spryskujące, sól i nabłyszczacz.",
        "1. Raz w miesiącu umyj **filtr** na dnie pod bieżącą wodą\n2. Sprawdź, czy ramiona spryskujące swobodnie się obracają, a ich otwory nie są zatkane\n3. Uzupełnij sól i nabłyszczacz; ustaw twardość wody dla swojej okolicy\n4. Nie opłukuj naczyń wcześniej, ale usuń resztki jedzenia\n\n"
        "Nadal szaro lub zostaje osad? Umów technika z poziomu zamówienia w **Moje rzeczy**.",
    ),
}
