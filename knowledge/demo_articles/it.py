# ruff: noqa: E501  (prose content: long lines read better than split strings)
"""The demo articles in Italian: {slug: (title, summary, body)}, markup as in English."""

ARTICLES: dict[str, tuple[str, str, str]] = {
    "track-your-delivery": (
        "Segui la tua consegna",
        "Segui il tuo ordine dal nostro magazzino fino alla tua porta.",
        "Ogni ordine riceve un codice di tracciamento dal nostro corriere HomeFreight appena lascia il magazzino.\n\n"
        "## Dove trovarlo\n- Apri **Le mie cose** e scegli l’ordine\n- Il codice di tracciamento e il corriere sono indicati nell’ordine\n- Lo ricevi anche via email il giorno della spedizione\n\n"
        "Il giorno della consegna ricevi al mattino un SMS con una fascia oraria di due ore.",
    ),
    "late-delivery": (
        "La mia consegna è in ritardo",
        "Cosa succede quando un ordine non arriva nella data prevista e cosa puoi fare.",
        "A volte una consegna slitta per mancanza di merce o per la capacità del corriere. In quel caso ti mandiamo una nuova data via email.\n\n"
        "## Cosa puoi fare\n1. Controlla il codice di tracciamento dell’ordine in **Le mie cose**\n2. Se la nuova data non ti va bene, scegline un’altra sulla pagina di tracciamento del corriere\n3. Se 24 ore dopo il giorno promesso non c’è ancora una nuova data, contattaci e solleciteremo noi il corriere\n\n"
        "I grandi elettrodomestici vengono consegnati da due persone; per riprogrammarli ci serve un giorno di preavviso.",
    ),
    "delivery-time-slots": (
        "A che ora arriverà il mio ordine?",
        "Le fasce di consegna e come le vieni a sapere.",
        "Consegniamo dal lunedì al sabato tra le 07:00 e le 21:00. La mattina della consegna ricevi via SMS una fascia di due ore, e l’autista chiama 30 minuti prima di arrivare.",
    ),
    "not-home-for-delivery": (
        "E se non sono a casa al momento della consegna?",
        "Consegne mancate e nuovo appuntamento.",
        "Se non c’è nessuno, l’autista lascia un avviso e l’ordine torna al deposito. Puoi scegliere un nuovo giorno dal link nell’SMS. I grandi elettrodomestici non possono essere lasciati ai vicini.",
    ),
    "delivery-to-upper-floors": (
        "Consegnate ai piani alti?",
        "Scale, ascensori e porte strette.",
        "Sì. La nostra squadra di due persone porta gli elettrodomestici fino al terzo piano senza ascensore. Più in alto serve un ascensore funzionante. Misura porte e vani scala prima di ordinare: un frigorifero combinato richiede almeno 70 cm.",
    ),
    "change-delivery-address": (
        "Cambiare l’indirizzo o la data di consegna",
        "Finché l’ordine non lascia il magazzino puoi cambiare dove e quando.",
        "Puoi cambiare l’indirizzo o il giorno di consegna fino alla spedizione dell’ordine.\n\n"
        "- Prima della spedizione: contattaci e lo cambiamo subito\n- Dopo la spedizione: scegli un altro giorno sulla pagina di tracciamento del corriere; l’indirizzo non si può più cambiare\n\n"
        "Un nuovo indirizzo in un altro paese richiede un nuovo ordine.",
    ),
    "cancel-an-order": (
        "Annullare un ordine",
        "Come annullare prima o dopo la spedizione e quando ricevi il rimborso.",
        "## Prima della spedizione\nContattaci e annulliamo l’ordine senza costi. Il rimborso arriva sul tuo conto entro 5 giorni lavorativi.\n\n"
        "## Dopo la spedizione\nRifiuta la consegna alla porta, oppure accettala e restituisci l’apparecchio entro 30 giorni. Vedi **Restituire un elettrodomestico**.",
    ),
    "arrived-damaged": (
        "Il mio elettrodomestico è arrivato danneggiato",
        "Segnala il danno entro 48 ore e lo sostituiamo o ripariamo.",
        "Ci dispiace. Non usare un elettrodomestico danneggiato.\n\n"
        "1. Fotografa il danno e l’imballaggio\n2. Segnalalo entro 48 ore dalla consegna\n3. Lo ritiriamo e ne consegniamo uno nuovo, di solito entro 5 giorni lavorativi\n\n"
        "Piccole ammaccature sul lato di un apparecchio da incasso si possono anche compensare con uno sconto, se preferisci tenerlo.",
    ),
    "wrong-item-delivered": (
        "Ho ricevuto l’articolo sbagliato",
        "Lo sostituiamo senza costi.",
        "Confronta il numero di modello sulla targhetta con l’ordine in **Le mie cose**. Se è diverso, conserva l’imballaggio e contattaci: ritiriamo l’articolo sbagliato e, quando possibile, consegniamo quello giusto nello stesso viaggio.",
    ),
    "missing-parts": (
        "Manca un pezzo o un accessorio",
        "Ripiani, tubi, piedini e manuali.",
        "Controlla prima nel cestello o nei ripiani della porta: gli accessori sono spesso imballati all’interno. Se un pezzo manca davvero, indicaci il numero di modello e il pezzo e lo spediamo entro 3 giorni lavorativi.",
    ),
    "return-an-appliance": (
        "Restituire un elettrodomestico",
        "30 giorni per cambiare idea, con ritiro a domicilio.",
        "Puoi restituire qualsiasi elettrodomestico entro 30 giorni dalla consegna.\n\n"
        "## Come funziona\n1. Contattaci con il numero d’ordine\n2. Fissiamo il ritiro; i grandi elettrodomestici vengono ritirati da due persone\n3. Dopo il controllo dell’apparecchio, ti rimborsiamo entro 5 giorni lavorativi\n\n"
        "Un apparecchio installato deve prima essere scollegato. I nostri tecnici possono farlo a pagamento.",
    ),
    "refund-timing": (
        "Quando riceverò il rimborso?",
        "Il rimborso torna sul metodo con cui hai pagato.",
        "Rimborsiamo entro 5 giorni lavorativi dalla ricezione del reso. Un rimborso su carta può richiedere altri 3-5 giorni per comparire nell’estratto conto; iDEAL e bonifici arrivano di solito il giorno dopo.",
    ),
    "return-costs": (
        "Il reso costa qualcosa?",
        "Il ritiro è gratuito entro 30 giorni.",
        "Il ritiro entro 30 giorni è gratuito. Se l’apparecchio è stato installato da noi, lo scollegamento costa 45 EUR. I resi di articoli danneggiati o sbagliati sono sempre gratuiti.",
    ),
    "old-appliance-recycling": (
        "Ritirate il mio vecchio elettrodomestico?",
        "Riciclo gratuito quando ne consegniamo uno nuovo.",
        "Sì. Quando consegniamo un nuovo elettrodomestico, ritiriamo gratis quello vecchio dello stesso tipo. Deve essere scollegato, vuoto e sbrinato (per i frigoriferi, 24 ore prima).",
    ),
    "install-washing-machine": (
        "Installare la lavatrice",
        "Bulloni di trasporto, acqua, scarico e livellamento.",
        "## Prima del primo lavaggio\n1. Rimuovi i **bulloni di trasporto** sul retro; conservali per un trasloco\n2. Collega il tubo di carico a un rubinetto d’acqua fredda e il tubo di scarico ad almeno 60 cm di altezza\n3. Metti in bolla la lavatrice girando i piedini; una lavatrice che traballa è rumorosa e si usura prima\n4. Avvia un programma a 60° a vuoto per pulire il cestello\n\n"
        "Il nostro servizio di installazione fa tutto questo per 90 EUR.",
    ),
    "fridge-first-use": (
        "Il tuo nuovo frigorifero combinato: il primo giorno",
        "Lascialo riposare, poi accendilo e aspetta prima di riempirlo.",
        "Dopo il trasporto il refrigerante deve assestarsi.\n\n"
        "- Lascia il frigorifero combinato in piedi per **4 ore** prima di accenderlo\n- Accendilo e aspetta che arrivi a 4 °C (circa 6 ore) prima di riempirlo\n- Lascia 5 cm di spazio dietro e sopra per l’aria\n\n"
        "Un leggero ronzio o qualche scatto nei primi giorni è normale.",
    ),
    "dishwasher-installation": (
        "Installare una lavastoviglie",
        "Da incasso o a libera installazione, acqua e corrente.",
        "Una lavastoviglie richiede un rubinetto d’acqua fredda con attacco da 3/4 di pollice, uno scarico e una presa con messa a terra entro 1,5 m.\n\n"
        "## Modelli da incasso\nIl pannello dell’anta della tua cucina si fissa alla porta della lavastoviglie con la dima inclusa nella confezione. I nostri installatori montano le lavastoviglie da incasso per 120 EUR.",
    ),
    "installation-service": (
        "Potete installare il mio elettrodomestico?",
        "Installazione il giorno della consegna.",
        "Sì. Aggiungi l’installazione quando ordini, oppure contattaci prima della spedizione. La squadra collega, mette in bolla e collauda l’apparecchio il giorno della consegna e porta via l’imballaggio.",
    ),
    "oven-hob-connection": (
        "Posso collegare da solo un piano a induzione?",
        "Perché serve un installatore certificato.",
        "Un piano a induzione richiede di solito un collegamento bifase dedicato. Per la tua sicurezza e per la garanzia deve essere collegato da un installatore certificato. I nostri tecnici lo fanno per 95 EUR.",
    ),
    "engineer-visit-what-to-expect": (
        "La visita del tecnico: cosa aspettarti",
        "Fasce orarie, preparazione e cosa porta il tecnico.",
        "Le visite sono fissate in una **fascia di 4 ore**. La sera prima ricevi un SMS con il nome del tecnico, che ti chiama quando è in viaggio.\n\n"
        "## Da preparare\n- Libera lo spazio intorno all’apparecchio\n- Tieni a portata di mano il numero di modello e la prova d’acquisto\n- Per una lavatrice, svuota il cestello e il filtro\n\n"
        "La maggior parte delle riparazioni si fa in una visita; quando serve ordinare un pezzo, fissiamo la visita successiva prima che il tecnico se ne vada.",
    ),
    "reschedule-engineer-visit": (
        "Spostare o annullare la visita del tecnico",
        "Gratis fino alle 18:00 del giorno prima.",
        "Puoi spostare o annullare una visita senza costi fino alle 18:00 del giorno prima. Contattaci con il riferimento della visita (inizia con VIS-). Modifiche più tardive sono possibili, ma il tecnico potrebbe essere già pianificato sul suo giro.",
    ),
    "engineer-running-late": (
        "Il tecnico non è ancora arrivato",
        "Cosa fare quando la fascia oraria è passata.",
        "I tecnici chiamano quando sono in viaggio. Se la tua fascia di 4 ore è passata senza una chiamata, contattaci: vediamo dov’è il tecnico e ti diamo subito un nuovo orario.",
    ),
    "washing-machine-not-draining": (
        "La lavatrice non scarica",
        "Tre controlli che risolvono la maggior parte dei casi prima che arrivi un tecnico.",
        "Prima della visita, prova così:\n\n"
        "1. Pulisci il **filtro di scarico** dietro lo sportellino in basso sul davanti (metti prima un asciugamano)\n2. Controlla che il tubo di scarico non sia piegato o infilato troppo nel tubo di scolo\n3. Avvia un programma di *risciacquo e centrifuga*\n\n"
        "Se l’acqua resta nel cestello, mantieni la visita del tecnico: probabilmente la pompa va sostituita.",
    ),
    "book-a-repair": (
        "Come prenoto una riparazione?",
        "In garanzia o con CarePlus le riparazioni sono gratuite.",
        "Contattaci dall’ordine in **Le mie cose** e scegli il problema. In garanzia o con la copertura CarePlus, visita e pezzi sono gratuiti; altrimenti l’uscita costa 69 EUR più i pezzi.",
    ),
    "warranty-explained": (
        "La tua garanzia spiegata",
        "Due anni su ogni elettrodomestico, cinque sul motore di alcuni modelli.",
        "Ogni elettrodomestico ha una **garanzia di 2 anni** dalla data di consegna, che copre pezzi, manodopera e la visita del tecnico.\n\n"
        "## Non coperto\n- Danni da uso improprio, calcare o installazione errata fatta da altri\n- Materiali di consumo come filtri e lampadine\n\n"
        "Alcune lavatrici hanno 5 anni sul motore. Il tuo ordine in **Le mie cose** vale come prova d’acquisto.",
    ),
    "proof-of-purchase": (
        "Dov’è la mia prova d’acquisto?",
        "La tua fattura è sempre in Le mie cose.",
        "Apri l’ordine in **Le mie cose** e scarica la fattura. Vale come prova d’acquisto per le richieste in garanzia, anche presso altri riparatori.",
    ),
    "careplus-cover": (
        "Copertura CarePlus per elettrodomestici",
        "Riparazioni, pezzi e sostituzione quando la riparazione non è possibile.",
        "CarePlus estende la copertura dei tuoi elettrodomestici oltre la garanzia con un canone mensile.\n\n"
        "- Riparazioni, pezzi e manodopera illimitati\n- Un tecnico entro 3 giorni lavorativi\n- Una sostituzione di pari valore se l’apparecchio non si può riparare\n\n"
        "Puoi disdire CarePlus ogni mese; dopo i primi 12 mesi non c’è una durata minima.",
    ),
    "warranty-after-move": (
        "La garanzia è ancora valida dopo un trasloco?",
        "Sì, se l’apparecchio è stato spostato con cura.",
        "Sì. Rimonta i bulloni di trasporto della lavatrice e lascia riposare il frigorifero 4 ore dopo il trasloco. I danni causati dal trasloco stesso non sono coperti.",
    ),
    "payment-methods": (
        "Quali metodi di pagamento posso usare?",
        "iDEAL, carte, bonifico e pagamento a rate.",
        "Puoi pagare con iDEAL, Visa, Mastercard, American Express, bonifico o in 3 rate senza interessi. I clienti aziendali possono pagare con fattura a 14 giorni.",
    ),
    "charged-twice": (
        "Mi è stato addebitato due volte",
        "Preautorizzazioni, doppi pagamenti e come li sistemiamo.",
        "Un pagamento con carta non riuscito può comparire ancora come **preautorizzazione** fino a 7 giorni; sparisce da solo.\n\n"
        "Se sono stati davvero addebitati due pagamenti:\n1. Controlla entrambi gli importi sull’estratto conto\n2. Contattaci con il numero d’ordine\n3. Rimborsiamo il doppio pagamento entro 2 giorni lavorativi",
    ),
    "invoice-vat": (
        "Posso avere una fattura con IVA per la mia azienda?",
        "Modificare i dati di fatturazione prima o dopo il pagamento.",
        "Sì. Inserisci il nome dell’azienda e la partita IVA al momento dell’ordine. Se te ne sei dimenticato, contattaci entro 30 giorni ed emettiamo una fattura corretta.",
    ),
    "pay-in-instalments": (
        "Pagare a rate",
        "Dividi il costo in 3 mesi senza interessi.",
        "Per ordini superiori a 300 EUR puoi pagare in 3 rate mensili senza interessi né costi. La prima rata viene addebitata alla spedizione dell’ordine. Una rata non riuscita viene ritentata dopo 5 giorni; prima ti avvisiamo via email.",
    ),
    "manage-careplus-subscription": (
        "Modificare o disdire l’abbonamento CarePlus",
        "Aggiungere elettrodomestici, cambiare il giorno di pagamento o disdire.",
        "Il tuo abbonamento è in **Le mie cose**. Da lì puoi:\n\n"
        "- aggiungere o togliere elettrodomestici coperti\n- cambiare il giorno del pagamento mensile\n- disdire l’abbonamento alla fine del mese in corso\n\n"
        "Disdire nei primi 12 mesi costa i mesi rimanenti di quell’anno.",
    ),
    "subscription-renewal": (
        "Il mio abbonamento si rinnova automaticamente?",
        "Sì, e te lo diciamo un mese prima.",
        "Sì. Un mese prima della data di rinnovo ti inviamo via email il nuovo prezzo, se cambia. Puoi disdire in qualsiasi momento prima del rinnovo senza costi.",
    ),
    "subscription-price-change": (
        "Perché è cambiato il prezzo del mio abbonamento?",
        "Il prezzo dipende dal numero di elettrodomestici coperti.",
        "Il prezzo mensile dipende da quanti elettrodomestici sono coperti e dalla loro età. Aggiungere un apparecchio o la revisione annuale dei prezzi lo modifica; te lo diciamo sempre con un mese di anticipo.",
    ),
    "understanding-your-quote": (
        "Capire il tuo preventivo",
        "Cosa è incluso, quanto è valido e come accettarlo.",
        "Un preventivo elenca gli elettrodomestici, la consegna, l’installazione e il ritiro dei vecchi apparecchi, con il prezzo totale IVA inclusa.\n\n"
        "## Valido 14 giorni\nI prezzi sono bloccati fino alla data indicata nel preventivo. Accettalo da **Le mie cose**; a quel punto riserviamo la merce e pianifichiamo la consegna.\n\n"
        "Vuoi una modifica? Chiedicela prima di accettare e ti mandiamo una nuova versione.",
    ),
    "quote-expiring": (
        "Il mio preventivo sta per scadere",
        "Prorogare un preventivo.",
        "Possiamo prorogare un preventivo una volta di 14 giorni, purché gli apparecchi siano disponibili. Chiedilo prima della scadenza; dopo, facciamo un nuovo preventivo ai prezzi attuali.",
    ),
    "kitchen-bundle-discount": (
        "C’è uno sconto per un pacchetto cucina?",
        "Tre o più elettrodomestici in un unico preventivo.",
        "Sì. Un preventivo con tre o più elettrodomestici da incasso ha il 10% di sconto sugli apparecchi e l’installazione gratuita. Lo sconto è già compreso nel totale del preventivo.",
    ),
    "stop-marketing-emails": (
        "Non ricevere più email e SMS promozionali",
        "Scegli cosa ricevere da noi.",
        "Ogni email promozionale ha in fondo un link per **annullare l’iscrizione**. Puoi anche scegliere per canale (email, SMS, posta) nel tuo account. I messaggi di servizio sui tuoi ordini e sulle visite continuano ad arrivare; non sono pubblicità.",
    ),
    "why-did-i-get-this-offer": (
        "Perché ho ricevuto questa offerta?",
        "Come scegliamo cosa inviarti.",
        "Le offerte si basano su ciò che hai acquistato e sulle categorie che hai guardato, solo se hai dato il consenso al marketing. Puoi vedere e cambiare le tue scelte nel tuo account in qualsiasi momento.",
    ),
    "sign-in-with-a-code": (
        "Come accedo senza password?",
        "Un codice monouso via email.",
        "Nella pagina di accesso scegli **Inviami invece un codice di accesso via email**. Inserisci il codice dell’email entro 15 minuti. Funziona una sola volta.",
    ),
    "follow-your-case": (
        "Segui la tua pratica",
        "Ogni contatto diventa una pratica che puoi seguire in Le mie cose.",
        "Quando ci contatti apriamo una **pratica** con un riferimento come C-000123. In **Le mie cose** vedi il suo stato, cosa abbiamo promesso e per quando.\n\n"
        "Per aggiungere qualcosa, apri la pratica e scegli **Contattaci a riguardo**: non devi spiegare tutto di nuovo.",
    ),
    "opening-hours": (
        "Quando posso contattarvi?",
        "Telefono, chat e richiamate, e messaggi a qualsiasi ora.",
        "Telefono, chat e richiamate: dal lunedì al venerdì dalle 08:00 alle 20:00, il sabato dalle 09:00 alle 17:00. Puoi inviare messaggi a qualsiasi ora; rispondiamo entro un giorno lavorativo.",
    ),
    "energy-label": (
        "Cosa significa l’etichetta energetica?",
        "Dalla A alla G, e il consumo annuo.",
        "L’etichetta va dalla A (la più efficiente) alla G. Il numero sotto è il consumo annuo in kWh con un uso normale: moltiplicalo per il tuo prezzo al kWh per stimare il costo annuo.",
    ),
    "dishwasher-not-cleaning": (
        "La lavastoviglie non lava bene",
        "Filtro, bracci irroratori, sale e brillantante.",
        "1. Pulisci il **filtro** sul fondo sotto l’acqua corrente una volta al mese\n2. Controlla che i bracci irroratori girino liberamente e che i fori non siano ostruiti\n3. Rabbocca sale e brillantante; imposta la durezza dell’acqua della tua zona\n4. Non sciacquare prima, ma togli i residui di cibo\n\n"
        "Ancora grigio o con residui? Prenota un tecnico dall’ordine in **Le mie cose**.",
    ),
}
