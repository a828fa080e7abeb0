# ruff: noqa: E501  (prose content: long lines read better than split strings)
"""The demo articles in French: {slug: (title, summary, body)}, markup as in English."""

ARTICLES: dict[str, tuple[str, str, str]] = {
    "track-your-delivery": (
        "Suivre votre livraison",
        "Suivez votre commande de notre entrepôt jusqu’à votre porte.",
        "Chaque commande reçoit un numéro de suivi de notre transporteur HomeFreight dès qu’elle quitte l’entrepôt.\n\n"
        "## Où le trouver\n- Ouvrez **Mes affaires** et choisissez la commande\n- Le numéro de suivi et le transporteur figurent sur la commande\n- Vous le recevez aussi par e-mail le jour de l’expédition\n\n"
        "Le matin de la livraison, vous recevez par SMS un créneau de deux heures.",
    ),
    "late-delivery": (
        "Ma livraison est en retard",
        "Ce qui se passe quand une commande manque sa date de livraison, et ce que vous pouvez faire.",
        "Il arrive qu’une livraison soit décalée à cause du stock ou de la capacité du transporteur. Dans ce cas, nous vous envoyons une nouvelle date par e-mail.\n\n"
        "## Ce que vous pouvez faire\n1. Consultez le numéro de suivi de la commande dans **Mes affaires**\n2. Si la nouvelle date ne vous convient pas, choisissez-en une autre sur la page de suivi du transporteur\n3. Sans nouvelle date 24 heures après le jour promis, contactez-nous et nous relançons le transporteur pour vous\n\n"
        "Les gros appareils sont livrés par deux personnes ; il nous faut un jour de préavis pour reprogrammer la livraison.",
    ),
    "delivery-time-slots": (
        "À quelle heure ma commande arrivera-t-elle ?",
        "Les créneaux de livraison et comment vous en êtes informé.",
        "Nous livrons du lundi au samedi entre 07:00 et 21:00. Le matin de la livraison, vous recevez par SMS un créneau de deux heures, et le chauffeur appelle 30 minutes avant d’arriver.",
    ),
    "not-home-for-delivery": (
        "Et si je ne suis pas chez moi à la livraison ?",
        "Livraisons manquées et nouveau rendez-vous.",
        "S’il n’y a personne, le chauffeur laisse un avis de passage et la commande retourne au dépôt. Vous pouvez choisir un nouveau jour grâce au lien du SMS. Les gros appareils ne peuvent pas être laissés chez les voisins.",
    ),
    "delivery-to-upper-floors": (
        "Livrez-vous dans les étages ?",
        "Escaliers, ascenseurs et portes étroites.",
        "Oui. Notre équipe de deux personnes monte les appareils jusqu’au troisième étage sans ascenseur. Au-delà, il faut un ascenseur en état de marche. Mesurez les portes et les cages d’escalier avant de commander : un réfrigérateur-congélateur demande au moins 70 cm.",
    ),
    "change-delivery-address": (
        "Modifier l’adresse ou la date de livraison",
        "Tant que la commande n’a pas quitté l’entrepôt, vous pouvez changer le lieu et la date.",
        "Vous pouvez modifier l’adresse ou le jour de livraison jusqu’à l’expédition de la commande.\n\n"
        "- Avant l’expédition : contactez-nous et nous la modifions aussitôt\n- Après l’expédition : choisissez un autre jour sur la page de suivi du transporteur ; l’adresse ne peut plus changer\n\n"
        "Une nouvelle adresse dans un autre pays correspond à une nouvelle commande.",
    ),
    "cancel-an-order": (
        "Annuler une commande",
        "Comment annuler avant ou après l’expédition, et quand vous êtes remboursé.",
        "## Avant l’expédition\nContactez-nous et nous annulons la commande sans frais. Le remboursement arrive sur votre compte sous 5 jours ouvrés.\n\n"
        "## Après l’expédition\nRefusez la livraison à la porte, ou acceptez-la et renvoyez l’appareil sous 30 jours. Voir **Retourner un appareil**.",
    ),
    "arrived-damaged": (
        "Mon appareil est arrivé endommagé",
        "Signalez les dégâts sous 48 heures et nous le remplaçons ou le réparons.",
        "Nous en sommes désolés. N’utilisez pas un appareil endommagé.\n\n"
        "1. Photographiez les dégâts et l’emballage\n2. Signalez-les dans les 48 heures suivant la livraison\n3. Nous reprenons l’appareil et en livrons un autre, en général sous 5 jours ouvrés\n\n"
        "De petites bosses sur le côté d’un appareil encastrable peuvent aussi être compensées par une remise si vous préférez le garder.",
    ),
    "wrong-item-delivered": (
        "J’ai reçu le mauvais article",
        "Nous l’échangeons sans frais.",
        "Comparez la référence du modèle sur la plaque signalétique avec la commande dans **Mes affaires**. Si elle diffère, gardez l’emballage et contactez-nous : nous reprenons le mauvais article et livrons le bon lors du même passage quand c’est possible.",
    ),
    "missing-parts": (
        "Il manque une pièce ou un accessoire",
        "Clayettes, tuyaux, pieds et notices.",
        "Vérifiez d’abord le tambour ou les balconnets de la porte : les accessoires sont souvent emballés à l’intérieur. S’il manque vraiment une pièce, indiquez-nous la référence du modèle et la pièce, et nous l’envoyons sous 3 jours ouvrés.",
    ),
    "return-an-appliance": (
        "Retourner un appareil",
        "30 jours pour changer d’avis, repris à votre domicile.",
        "Vous pouvez retourner n’importe quel appareil dans les 30 jours suivant la livraison.\n\n"
        "## Comment ça marche\n1. Contactez-nous avec le numéro de commande\n2. Nous planifions l’enlèvement ; les gros appareils sont repris par deux personnes\n3. Une fois l’appareil vérifié, nous vous remboursons sous 5 jours ouvrés\n\n"
        "Un appareil installé doit d’abord être débranché. Nos techniciens peuvent s’en charger moyennant des frais.",
    ),
    "refund-timing": (
        "Quand serai-je remboursé ?",
        "Le remboursement se fait par le moyen de paiement utilisé.",
        "Nous remboursons dans les 5 jours ouvrés suivant la réception du retour. Un remboursement sur carte peut mettre encore 3 à 5 jours à apparaître sur votre relevé ; iDEAL et les virements arrivent généralement le lendemain.",
    ),
    "return-costs": (
        "Un retour coûte-t-il quelque chose ?",
        "L’enlèvement est gratuit dans les 30 jours.",
        "L’enlèvement dans les 30 jours est gratuit. Si nous avons installé l’appareil, le débranchement coûte 45 EUR. Les retours d’articles endommagés ou erronés sont toujours gratuits.",
    ),
    "old-appliance-recycling": (
        "Reprenez-vous mon ancien appareil ?",
        "Recyclage gratuit à la livraison d’un nouvel appareil.",
        "Oui. Quand nous livrons un nouvel appareil, nous reprenons gratuitement l’ancien du même type. Il doit être débranché, vide et dégivré (pour un réfrigérateur, 24 heures avant).",
    ),
    "install-washing-machine": (
        "Installer votre lave-linge",
        "Brides de transport, eau, évacuation et mise à niveau.",
        "## Avant le premier lavage\n1. Retirez les **brides de transport** à l’arrière ; gardez-les pour un déménagement\n2. Raccordez le tuyau d’arrivée à un robinet d’eau froide et le tuyau d’évacuation à au moins 60 cm de hauteur\n3. Mettez la machine de niveau en tournant les pieds ; une machine qui vacille est bruyante et s’use plus vite\n4. Lancez un programme à 60° à vide pour nettoyer le tambour\n\n"
        "Notre service d’installation s’occupe de tout cela pour 90 EUR.",
    ),
    "fridge-first-use": (
        "Votre nouveau réfrigérateur-congélateur : le premier jour",
        "Laissez-le reposer, puis allumez-le et attendez avant de le remplir.",
        "Après le transport, le fluide frigorigène doit se stabiliser.\n\n"
        "- Laissez le réfrigérateur-congélateur debout pendant **4 heures** avant de l’allumer\n- Allumez-le et attendez qu’il atteigne 4 °C (environ 6 heures) avant de le remplir\n- Laissez 5 cm d’espace à l’arrière et au-dessus pour l’aération\n\n"
        "Un léger bourdonnement ou des cliquetis les premiers jours sont normaux.",
    ),
    "dishwasher-installation": (
        "Installer un lave-vaisselle",
        "Encastrable ou pose libre, eau et électricité.",
        "Un lave-vaisselle a besoin d’un robinet d’eau froide avec un raccord 3/4 de pouce, d’une évacuation et d’une prise reliée à la terre à moins de 1,5 m.\n\n"
        "## Modèles encastrables\nLe panneau de porte de votre cuisine se fixe sur la porte du lave-vaisselle à l’aide du gabarit fourni. Nos installateurs posent les lave-vaisselle encastrables pour 120 EUR.",
    ),
    "installation-service": (
        "Pouvez-vous installer mon appareil ?",
        "L’installation le jour de la livraison.",
        "Oui. Ajoutez l’installation à votre commande, ou contactez-nous avant l’expédition. L’équipe raccorde, met de niveau et teste l’appareil le jour de la livraison, et emporte les emballages.",
    ),
    "oven-hob-connection": (
        "Puis-je raccorder moi-même une plaque à induction ?",
        "Pourquoi il faut un installateur certifié.",
        "Une plaque à induction demande en général un raccordement biphasé dédié. Pour votre sécurité et votre garantie, elle doit être raccordée par un installateur certifié. Nos techniciens le font pour 95 EUR.",
    ),
    "engineer-visit-what-to-expect": (
        "La visite du technicien : à quoi vous attendre",
        "Créneaux, préparation et ce que le technicien apporte.",
        "Les visites sont planifiées sur un **créneau de 4 heures**. La veille, vous recevez un SMS avec le nom du technicien, qui vous appelle quand il est en route.\n\n"
        "## À préparer\n- Dégagez l’espace autour de l’appareil\n- Ayez sous la main la référence du modèle et la preuve d’achat\n- Pour un lave-linge, videz le tambour et le filtre\n\n"
        "La plupart des réparations se font en une visite ; quand une pièce doit être commandée, nous fixons la visite suivante avant le départ du technicien.",
    ),
    "reschedule-engineer-visit": (
        "Modifier ou annuler la visite d’un technicien",
        "Gratuit jusqu’à 18:00 la veille.",
        "Vous pouvez déplacer ou annuler une visite sans frais jusqu’à 18:00 la veille. Contactez-nous avec la référence de la visite (elle commence par VIS-). Un changement plus tardif reste possible, mais le technicien peut déjà être planifié sur sa tournée.",
    ),
    "engineer-running-late": (
        "Le technicien n’est pas encore arrivé",
        "Que faire quand le créneau est dépassé.",
        "Les techniciens appellent quand ils sont en route. Si votre créneau de 4 heures est passé sans appel, contactez-nous : nous voyons où se trouve le technicien et vous donnons aussitôt une nouvelle heure.",
    ),
    "washing-machine-not-draining": (
        "Le lave-linge ne vidange pas",
        "Trois vérifications qui règlent la plupart des cas avant la venue d’un technicien.",
        "Avant la visite, essayez ceci :\n\n"
        "1. Nettoyez le **filtre de vidange** derrière la petite trappe en bas à l’avant (posez d’abord une serviette)\n2. Vérifiez que le tuyau d’évacuation n’est pas plié ni enfoncé trop loin dans le tuyau d’écoulement\n3. Lancez un programme *rinçage et essorage*\n\n"
        "Si l’eau reste dans le tambour, maintenez la visite du technicien : la pompe doit probablement être remplacée.",
    ),
    "book-a-repair": (
        "Comment réserver une réparation ?",
        "Sous garantie ou avec CarePlus, les réparations sont gratuites.",
        "Contactez-nous depuis la commande dans **Mes affaires** et choisissez le problème. Sous garantie ou avec CarePlus, la visite et les pièces sont gratuites ; sinon, le déplacement coûte 69 EUR plus les pièces.",
    ),
    "warranty-explained": (
        "Votre garantie expliquée",
        "Deux ans sur chaque appareil, cinq ans sur le moteur de certains modèles.",
        "Chaque appareil bénéficie d’une **garantie de 2 ans** à partir de la date de livraison, qui couvre les pièces, la main-d’œuvre et le déplacement du technicien.\n\n"
        "## Non couvert\n- Les dommages dus à une mauvaise utilisation, au calcaire ou à une mauvaise installation faite par un tiers\n- Les consommables comme les filtres et les ampoules\n\n"
        "Certains lave-linge ont 5 ans de garantie sur le moteur. Votre commande dans **Mes affaires** tient lieu de preuve d’achat.",
    ),
    "proof-of-purchase": (
        "Où est ma preuve d’achat ?",
        "Votre facture est toujours dans Mes affaires.",
        "Ouvrez la commande dans **Mes affaires** et téléchargez la facture. Elle vaut preuve d’achat pour les demandes de garantie, y compris auprès d’autres réparateurs.",
    ),
    "careplus-cover": (
        "La couverture CarePlus",
        "Réparations, pièces et remplacement quand la réparation est impossible.",
        "CarePlus prolonge la couverture de vos appareils au-delà de la garantie, pour un montant mensuel.\n\n"
        "- Réparations, pièces et main-d’œuvre illimitées\n- Un technicien sous 3 jours ouvrés\n- Un remplacement de même valeur si l’appareil ne peut pas être réparé\n\n"
        "Vous pouvez arrêter CarePlus chaque mois ; il n’y a pas de durée minimale après les 12 premiers mois.",
    ),
    "warranty-after-move": (
        "Ma garantie reste-t-elle valable après un déménagement ?",
        "Oui, si l’appareil a été déplacé avec soin.",
        "Oui. Remettez les brides de transport d’un lave-linge et laissez reposer un réfrigérateur 4 heures après le déménagement. Les dommages causés par le déménagement lui-même ne sont pas couverts.",
    ),
    "payment-methods": (
        "Quels moyens de paiement puis-je utiliser ?",
        "iDEAL, cartes, virement et paiement en plusieurs fois.",
        "Vous pouvez payer avec iDEAL, Visa, Mastercard, American Express, par virement ou en 3 fois sans intérêts. Les clients professionnels peuvent payer sur facture à 14 jours.",
    ),
    "charged-twice": (
        "J’ai été débité deux fois",
        "Réservations, doubles paiements et comment nous corrigeons.",
        "Un paiement par carte qui a échoué peut encore apparaître comme **réservation** pendant 7 jours au plus ; elle disparaît d’elle-même.\n\n"
        "Si deux paiements ont vraiment été prélevés :\n1. Vérifiez les deux montants sur votre relevé\n2. Contactez-nous avec le numéro de commande\n3. Nous remboursons le paiement en double sous 2 jours ouvrés",
    ),
    "invoice-vat": (
        "Puis-je obtenir une facture avec TVA pour mon entreprise ?",
        "Modifier les données de facturation avant ou après le paiement.",
        "Oui. Indiquez le nom de votre entreprise et votre numéro de TVA lors de la commande. Si vous avez oublié, contactez-nous dans les 30 jours et nous émettons une facture rectifiée.",
    ),
    "pay-in-instalments": (
        "Payer en plusieurs fois",
        "Répartissez le coût sur 3 mois sans intérêts.",
        "Pour les commandes de plus de 300 EUR, vous pouvez payer en 3 mensualités sans intérêts ni frais. La première mensualité est prélevée à l’expédition de la commande. Une mensualité impayée est représentée après 5 jours ; nous vous prévenons par e-mail avant.",
    ),
    "manage-careplus-subscription": (
        "Modifier ou arrêter votre abonnement CarePlus",
        "Ajouter des appareils, changer le jour de paiement ou arrêter.",
        "Votre abonnement se trouve dans **Mes affaires**. De là, vous pouvez :\n\n"
        "- ajouter ou retirer des appareils couverts\n- changer le jour du prélèvement mensuel\n- arrêter l’abonnement à la fin du mois en cours\n\n"
        "Un arrêt pendant les 12 premiers mois coûte les mois restants de cette année.",
    ),
    "subscription-renewal": (
        "Mon abonnement est-il renouvelé automatiquement ?",
        "Oui, et nous vous prévenons un mois avant.",
        "Oui. Un mois avant la date de renouvellement, nous vous envoyons le nouveau prix par e-mail s’il change. Vous pouvez arrêter à tout moment avant la date de renouvellement, sans frais.",
    ),
    "subscription-price-change": (
        "Pourquoi le prix de mon abonnement a-t-il changé ?",
        "Le prix dépend du nombre d’appareils couverts.",
        "Le prix mensuel dépend du nombre d’appareils couverts et de leur âge. L’ajout d’un appareil ou la révision annuelle des prix le modifie ; nous vous prévenons toujours un mois à l’avance.",
    ),
    "understanding-your-quote": (
        "Comprendre votre devis",
        "Ce qui est inclus, sa durée de validité et comment l’accepter.",
        "Un devis détaille les appareils, la livraison, l’installation et l’enlèvement des anciens appareils, avec le prix total TTC.\n\n"
        "## Valable 14 jours\nLes prix sont garantis jusqu’à la date indiquée sur le devis. Acceptez-le depuis **Mes affaires** ; nous réservons alors le stock et planifions la livraison.\n\n"
        "Vous voulez un changement ? Demandez-le avant d’accepter et nous vous envoyons une nouvelle version.",
    ),
    "quote-expiring": (
        "Mon devis va bientôt expirer",
        "Prolonger un devis.",
        "Nous pouvons prolonger un devis une fois de 14 jours tant que les appareils sont en stock. Demandez-le avant la date d’expiration ; ensuite, nous établissons un nouveau devis aux prix actuels.",
    ),
    "kitchen-bundle-discount": (
        "Y a-t-il une remise pour un ensemble de cuisine ?",
        "Trois appareils ou plus dans un même devis.",
        "Oui. Un devis avec trois appareils encastrables ou plus bénéficie de 10 % de remise sur les appareils et de l’installation gratuite. La remise est déjà comprise dans le total du devis.",
    ),
    "stop-marketing-emails": (
        "Ne plus recevoir d’e-mails et de SMS publicitaires",
        "Choisissez ce que vous recevez de notre part.",
        "Chaque e-mail publicitaire comporte en bas un lien de **désinscription**. Vous pouvez aussi choisir par canal (e-mail, SMS, courrier) dans votre compte. Les messages de service sur vos commandes et vos visites continuent d’arriver ; ce n’est pas de la publicité.",
    ),
    "why-did-i-get-this-offer": (
        "Pourquoi ai-je reçu cette offre ?",
        "Comment nous choisissons ce que nous vous envoyons.",
        "Les offres se basent sur vos achats et les catégories que vous avez consultées, uniquement si vous avez accepté la publicité. Vous pouvez voir et modifier vos choix dans votre compte à tout moment.",
    ),
    "sign-in-with-a-code": (
        "Comment me connecter sans mot de passe ?",
        "Un code à usage unique par e-mail.",
        "Sur la page de connexion, choisissez **Recevoir plutôt un code de connexion par e-mail**. Saisissez le code reçu dans les 15 minutes. Il ne fonctionne qu’une fois.",
    ),
    "follow-your-case": (
        "Suivre votre dossier",
        "Chaque prise de contact devient un dossier que vous suivez dans Mes affaires.",
        "Quand vous nous contactez, nous ouvrons un **dossier** avec une référence comme C-000123. Dans **Mes affaires**, vous voyez son statut, ce que nous avons promis et pour quand.\n\n"
        "Pour ajouter quelque chose, ouvrez le dossier et choisissez **Nous contacter à ce sujet** : inutile de tout réexpliquer.",
    ),
    "opening-hours": (
        "Quand puis-je vous joindre ?",
        "Téléphone, chat et rappels, et messages à toute heure.",
        "Téléphone, chat et rappels : du lundi au vendredi de 08:00 à 20:00, le samedi de 09:00 à 17:00. Vous pouvez envoyer un message à toute heure ; nous répondons sous un jour ouvré.",
    ),
    "energy-label": (
        "Que signifie l’étiquette énergie ?",
        "De A à G, et la consommation annuelle.",
        "L’étiquette va de A (le plus efficace) à G. Le chiffre en dessous est la consommation annuelle en kWh pour un usage normal : multipliez-le par votre prix du kWh pour estimer le coût annuel.",
    ),
    "dishwasher-not-cleaning": (
        "Le lave-vaisselle lave mal",
        "Filtre, bras de lavage, sel et liquide de rinçage.",
        "1. Nettoyez le **filtre** au fond sous l’eau courante une fois par mois\n2. Vérifiez que les bras de lavage tournent librement et que leurs trous ne sont pas bouchés\n3. Remettez du sel et du liquide de rinçage ; réglez la dureté de l’eau de votre région\n4. Ne prérincez pas, mais raclez les restes\n\n"
        "Toujours gris ou granuleux ? Réservez un technicien depuis la commande dans **Mes affaires**.",
    ),
}
