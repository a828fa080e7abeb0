# ruff: noqa: E501  (prose content: long lines read better than split strings)
"""The demo articles in (European) Portuguese: {slug: (title, summary, body)}, markup as in
English."""

ARTICLES: dict[str, tuple[str, str, str]] = {
    "track-your-delivery": (
        "Acompanhar a sua entrega",
        "Siga a sua encomenda desde o nosso armazém até à sua porta.",
        "Cada encomenda recebe um código de seguimento da nossa transportadora HomeFreight assim que sai do armazém.\n\n"
        "## Onde o encontrar\n- Abra **As minhas coisas** e escolha a encomenda\n- O código de seguimento e a transportadora estão na encomenda\n- Também o recebe por e-mail no dia do envio\n\n"
        "No dia da entrega recebe de manhã, por SMS, um intervalo de duas horas.",
    ),
    "late-delivery": (
        "A minha entrega está atrasada",
        "O que acontece quando uma encomenda falha a data de entrega, e o que pode fazer.",
        "Por vezes uma entrega atrasa por falta de stock ou de capacidade da transportadora. Quando isso acontece, enviamos-lhe uma nova data por e-mail.\n\n"
        "## O que pode fazer\n1. Consulte o código de seguimento da encomenda em **As minhas coisas**\n2. Se a nova data não lhe convier, escolha outra na página de seguimento da transportadora\n3. Se 24 horas depois do dia prometido ainda não houver nova data, contacte-nos e nós pressionamos a transportadora por si\n\n"
        "Os eletrodomésticos grandes são entregues por duas pessoas; precisamos de um dia de antecedência para os reagendar.",
    ),
    "delivery-time-slots": (
        "A que horas chega a minha encomenda?",
        "Intervalos de entrega e como é avisado.",
        "Entregamos de segunda a sábado entre as 07:00 e as 21:00. Na manhã da entrega recebe por SMS um intervalo de duas horas, e o motorista liga 30 minutos antes de chegar.",
    ),
    "not-home-for-delivery": (
        "E se eu não estiver em casa na entrega?",
        "Entregas falhadas e nova marcação.",
        "Se não estiver ninguém em casa, o motorista deixa um aviso e a encomenda volta ao armazém. Pode marcar um novo dia através da ligação no SMS. Os eletrodomésticos grandes não podem ser deixados com os vizinhos.",
    ),
    "delivery-to-upper-floors": (
        "Entregam em andares altos?",
        "Escadas, elevadores e portas estreitas.",
        "Sim. A nossa equipa de duas pessoas leva os eletrodomésticos até ao terceiro andar sem elevador. Acima disso é preciso um elevador a funcionar. Meça as portas e a caixa de escadas antes de encomendar: um frigorífico combinado precisa de pelo menos 70 cm.",
    ),
    "change-delivery-address": (
        "Alterar a morada ou a data de entrega",
        "Até a encomenda sair do armazém pode alterar onde e quando.",
        "Pode alterar a morada ou o dia de entrega até a encomenda ser enviada.\n\n"
        "- Antes do envio: contacte-nos e alteramos de imediato\n- Depois do envio: escolha outro dia na página de seguimento da transportadora; a morada já não pode ser alterada\n\n"
        "Uma nova morada noutro país é uma nova encomenda.",
    ),
    "cancel-an-order": (
        "Cancelar uma encomenda",
        "Como cancelar antes ou depois do envio, e quando recebe o seu dinheiro.",
        "## Antes do envio\nContacte-nos e cancelamos a encomenda sem custos. O reembolso chega à sua conta no prazo de 5 dias úteis.\n\n"
        "## Depois do envio\nRecuse a entrega à porta, ou aceite-a e devolva o aparelho no prazo de 30 dias. Veja **Devolver um eletrodoméstico**.",
    ),
    "arrived-damaged": (
        "O meu eletrodoméstico chegou danificado",
        "Comunique os danos em 48 horas e nós substituímos ou reparamos.",
        "Lamentamos. Não utilize um eletrodoméstico danificado.\n\n"
        "1. Tire fotografias dos danos e da embalagem\n2. Comunique-o nas 48 horas seguintes à entrega\n3. Recolhemos o aparelho e entregamos outro, normalmente em 5 dias úteis\n\n"
        "Pequenas amolgadelas na lateral de um aparelho de encastrar também podem ser compensadas com um desconto, se preferir ficar com ele.",
    ),
    "wrong-item-delivered": (
        "Recebi o artigo errado",
        "Trocamo-lo sem custos.",
        "Compare o número do modelo na placa de características com a encomenda em **As minhas coisas**. Se for diferente, guarde a embalagem e contacte-nos: recolhemos o artigo errado e, sempre que possível, entregamos o certo na mesma viagem.",
    ),
    "missing-parts": (
        "Falta uma peça ou um acessório",
        "Prateleiras, mangueiras, pés e manuais.",
        "Veja primeiro no tambor ou nas prateleiras da porta: os acessórios vêm muitas vezes embalados lá dentro. Se faltar mesmo uma peça, indique-nos o número do modelo e a peça, e enviamo-la em 3 dias úteis.",
    ),
    "return-an-appliance": (
        "Devolver um eletrodoméstico",
        "30 dias para mudar de ideias, com recolha em casa.",
        "Pode devolver qualquer eletrodoméstico no prazo de 30 dias após a entrega.\n\n"
        "## Como funciona\n1. Contacte-nos com o número da encomenda\n2. Marcamos a recolha; os eletrodomésticos grandes são recolhidos por duas pessoas\n3. Depois de verificarmos o aparelho, reembolsamos em 5 dias úteis\n\n"
        "Um aparelho instalado tem de ser desligado primeiro. Os nossos técnicos podem fazê-lo mediante pagamento.",
    ),
    "refund-timing": (
        "Quando recebo o reembolso?",
        "O reembolso é feito pelo meio com que pagou.",
        "Reembolsamos no prazo de 5 dias úteis após recebermos a devolução. Um reembolso no cartão pode demorar mais 3 a 5 dias a aparecer no extrato; iDEAL e transferências bancárias chegam normalmente no dia seguinte.",
    ),
    "return-costs": (
        "Devolver tem algum custo?",
        "A recolha é gratuita durante 30 dias.",
        "A recolha nos primeiros 30 dias é gratuita. Se o aparelho foi instalado por nós, desligá-lo custa 45 EUR. A devolução de artigos danificados ou errados é sempre gratuita.",
    ),
    "old-appliance-recycling": (
        "Levam o meu eletrodoméstico antigo?",
        "Reciclagem gratuita quando entregamos um novo.",
        "Sim. Quando entregamos um eletrodoméstico novo, levamos gratuitamente o antigo do mesmo tipo. Deve estar desligado, vazio e descongelado (no caso dos frigoríficos, 24 horas antes).",
    ),
    "install-washing-machine": (
        "Instalar a sua máquina de lavar roupa",
        "Parafusos de transporte, água, escoamento e nivelamento.",
        "## Antes da primeira lavagem\n1. Retire os **parafusos de transporte** da parte de trás; guarde-os para uma mudança de casa\n2. Ligue a mangueira de entrada a uma torneira de água fria e a mangueira de escoamento a pelo menos 60 cm de altura\n3. Nivele a máquina rodando os pés; uma máquina que abana é ruidosa e desgasta-se mais depressa\n4. Faça um programa de 60° vazio para limpar o tambor\n\n"
        "O nosso serviço de instalação faz tudo isto por 90 EUR.",
    ),
    "fridge-first-use": (
        "O seu novo frigorífico combinado: o primeiro dia",
        "Deixe-o repousar, depois ligue-o e espere antes de o encher.",
        "Depois do transporte, o líquido refrigerante precisa de assentar.\n\n"
        "- Deixe o frigorífico combinado de pé durante **4 horas** antes de o ligar\n- Ligue-o e espere que chegue aos 4 °C (cerca de 6 horas) antes de o encher\n- Deixe 5 cm de espaço atrás e por cima para circular o ar\n\n"
        "Um zumbido suave ou alguns estalidos nos primeiros dias são normais.",
    ),
    "dishwasher-installation": (
        "Instalar uma máquina de lavar loiça",
        "De encastrar ou de livre instalação, água e eletricidade.",
        "Uma máquina de lavar loiça precisa de uma torneira de água fria com ligação de 3/4 de polegada, de um escoamento e de uma tomada com ligação à terra a menos de 1,5 m.\n\n"
        "## Modelos de encastrar\nO painel da porta da sua cozinha é fixado à porta da máquina com o molde que vem na caixa. Os nossos instaladores montam máquinas de encastrar por 120 EUR.",
    ),
    "installation-service": (
        "Podem instalar o meu eletrodoméstico?",
        "Instalação no dia da entrega.",
        "Sim. Acrescente a instalação quando fizer a encomenda, ou contacte-nos antes do envio. A equipa liga, nivela e testa o aparelho no dia da entrega e leva a embalagem.",
    ),
    "oven-hob-connection": (
        "Posso ligar eu mesmo uma placa de indução?",
        "Porque é preciso um instalador certificado.",
        "Uma placa de indução precisa normalmente de uma ligação bifásica dedicada. Para a sua segurança e para a garantia, tem de ser ligada por um instalador certificado. Os nossos técnicos fazem-no por 95 EUR.",
    ),
    "engineer-visit-what-to-expect": (
        "A visita do técnico: o que esperar",
        "Intervalos horários, preparação e o que o técnico traz.",
        "As visitas são marcadas num **intervalo de 4 horas**. Na véspera recebe um SMS com o nome do técnico, que lhe liga quando estiver a caminho.\n\n"
        "## Prepare\n- Liberte o espaço à volta do aparelho\n- Tenha à mão o número do modelo e o comprovativo de compra\n- No caso de uma máquina de lavar roupa, esvazie o tambor e o filtro\n\n"
        "A maioria das reparações faz-se numa visita; quando é preciso encomendar uma peça, marcamos a visita seguinte antes de o técnico sair.",
    ),
    "reschedule-engineer-visit": (
        "Alterar ou cancelar a visita de um técnico",
        "Gratuito até às 18:00 da véspera.",
        "Pode mudar ou cancelar uma visita sem custos até às 18:00 da véspera. Contacte-nos com a referência da visita (começa por VIS-). Alterações posteriores são possíveis, mas o técnico pode já ter a rota planeada.",
    ),
    "engineer-running-late": (
        "O técnico ainda não chegou",
        "O que fazer quando o intervalo horário já passou.",
        "Os técnicos ligam quando estão a caminho. Se o seu intervalo de 4 horas passou sem chamada, contacte-nos: vemos onde está o técnico e damos-lhe logo uma nova hora.",
    ),
    "washing-machine-not-draining": (
        "A máquina de lavar roupa não escoa",
        "Três verificações que resolvem a maioria dos casos antes da visita de um técnico.",
        "Antes da visita, experimente o seguinte:\n\n"
        "1. Limpe o **filtro de escoamento** atrás da pequena tampa em baixo, à frente (ponha primeiro uma toalha)\n2. Verifique se a mangueira de escoamento não está dobrada nem enfiada demasiado no tubo de esgoto\n3. Faça um programa de *enxaguamento e centrifugação*\n\n"
        "Se a água continuar no tambor, mantenha a visita do técnico: provavelmente a bomba tem de ser substituída.",
    ),
    "book-a-repair": (
        "Como marco uma reparação?",
        "Na garantia ou com CarePlus, as reparações são gratuitas.",
        "Contacte-nos a partir da encomenda em **As minhas coisas** e escolha o problema. Na garantia ou com CarePlus, a visita e as peças são gratuitas; caso contrário, a deslocação custa 69 EUR mais as peças.",
    ),
    "warranty-explained": (
        "A sua garantia explicada",
        "Dois anos em todos os eletrodomésticos, cinco no motor de alguns modelos.",
        "Todos os eletrodomésticos têm uma **garantia de 2 anos** a partir da data de entrega, que cobre peças, mão de obra e a visita do técnico.\n\n"
        "## Não está coberto\n- Danos por má utilização, calcário ou instalação incorreta feita por terceiros\n- Consumíveis como filtros e lâmpadas\n\n"
        "Algumas máquinas de lavar roupa têm 5 anos no motor. A sua encomenda em **As minhas coisas** é o seu comprovativo de compra.",
    ),
    "proof-of-purchase": (
        "Onde está o meu comprovativo de compra?",
        "A sua fatura está sempre em As minhas coisas.",
        "Abra a encomenda em **As minhas coisas** e descarregue a fatura. É válida como comprovativo de compra para pedidos de garantia, também junto de outros reparadores.",
    ),
    "careplus-cover": (
        "Cobertura CarePlus para eletrodomésticos",
        "Reparações, peças e substituição quando a reparação não é possível.",
        "A CarePlus prolonga a cobertura dos seus eletrodomésticos para além da garantia, por uma mensalidade.\n\n"
        "- Reparações, peças e mão de obra ilimitadas\n- Um técnico em 3 dias úteis\n- Uma substituição de igual valor se o aparelho não puder ser reparado\n\n"
        "Pode cancelar a CarePlus em qualquer mês; não há prazo mínimo depois dos primeiros 12 meses.",
    ),
    "warranty-after-move": (
        "A minha garantia continua válida depois de mudar de casa?",
        "Sim, se o aparelho foi transportado com cuidado.",
        "Sim. Volte a colocar os parafusos de transporte da máquina de lavar roupa e deixe o frigorífico repousar 4 horas depois da mudança. Os danos causados pela própria mudança não estão cobertos.",
    ),
    "payment-methods": (
        "Que meios de pagamento posso usar?",
        "iDEAL, cartões, transferência bancária e pagamento em prestações.",
        "Pode pagar com iDEAL, Visa, Mastercard, American Express, transferência bancária ou em 3 prestações sem juros. Os clientes empresariais podem pagar por fatura a 14 dias.",
    ),
    "charged-twice": (
        "Fui cobrado duas vezes",
        "Cativações, pagamentos duplicados e como os corrigimos.",
        "Um pagamento com cartão que falhou pode continuar a aparecer como **cativação** durante até 7 dias; desaparece sozinha.\n\n"
        "Se foram mesmo cobrados dois pagamentos:\n1. Verifique os dois montantes no seu extrato\n2. Contacte-nos com o número da encomenda\n3. Reembolsamos o pagamento duplicado em 2 dias úteis",
    ),
    "invoice-vat": (
        "Posso ter uma fatura com IVA para a minha empresa?",
        "Altere os dados de faturação antes ou depois de pagar.",
        "Sim. Indique o nome da empresa e o número de contribuinte ao finalizar a compra. Se se esqueceu, contacte-nos no prazo de 30 dias e emitimos uma fatura corrigida.",
    ),
    "pay-in-instalments": (
        "Pagar em prestações",
        "Divida o custo por 3 meses sem juros.",
        "Em encomendas acima de 300 EUR pode pagar em 3 prestações mensais sem juros nem taxas. A primeira prestação é cobrada quando a encomenda é enviada. Uma prestação falhada é cobrada de novo após 5 dias; antes disso avisamos por e-mail.",
    ),
    "manage-careplus-subscription": (
        "Alterar ou cancelar a sua subscrição CarePlus",
        "Acrescentar eletrodomésticos, mudar o dia de pagamento ou cancelar.",
        "A sua subscrição está em **As minhas coisas**. A partir daí pode:\n\n"
        "- acrescentar ou retirar eletrodomésticos cobertos\n- mudar o dia do pagamento mensal\n- cancelar a subscrição no fim do mês em curso\n\n"
        "Cancelar nos primeiros 12 meses custa os meses que faltam desse ano.",
    ),
    "subscription-renewal": (
        "A minha subscrição renova-se automaticamente?",
        "Sim, e avisamos um mês antes.",
        "Sim. Um mês antes da data de renovação enviamos-lhe por e-mail o novo preço, se mudar. Pode cancelar a qualquer momento antes da renovação, sem custos.",
    ),
    "subscription-price-change": (
        "Porque mudou o preço da minha subscrição?",
        "O preço depende do número de eletrodomésticos cobertos.",
        "O preço mensal depende de quantos eletrodomésticos estão cobertos e da sua idade. Acrescentar um aparelho ou a revisão anual de preços altera-o; avisamos sempre com um mês de antecedência.",
    ),
    "understanding-your-quote": (
        "Compreender o seu orçamento",
        "O que está incluído, quanto tempo é válido e como o aceitar.",
        "Um orçamento indica os eletrodomésticos, a entrega, a instalação e a recolha dos aparelhos antigos, com o preço total com IVA.\n\n"
        "## Válido durante 14 dias\nOs preços mantêm-se até à data indicada no orçamento. Aceite-o em **As minhas coisas**; nessa altura reservamos o stock e planeamos a entrega.\n\n"
        "Quer alterar alguma coisa? Peça-nos antes de aceitar e enviamos uma nova versão.",
    ),
    "quote-expiring": (
        "O meu orçamento está quase a expirar",
        "Prolongar um orçamento.",
        "Podemos prolongar um orçamento uma vez por 14 dias, desde que os aparelhos estejam em stock. Peça antes da data de validade; depois dela, fazemos um novo orçamento aos preços atuais.",
    ),
    "kitchen-bundle-discount": (
        "Há desconto num conjunto de cozinha?",
        "Três ou mais eletrodomésticos num só orçamento.",
        "Sim. Um orçamento com três ou mais eletrodomésticos de encastrar tem 10% de desconto nos aparelhos e instalação gratuita. O desconto já está incluído no total do orçamento.",
    ),
    "stop-marketing-emails": (
        "Deixar de receber e-mails e SMS de marketing",
        "Escolha o que recebe da nossa parte.",
        "Todos os e-mails de marketing têm, no fim, uma ligação para **cancelar a subscrição**. Também pode escolher por canal (e-mail, SMS, correio) na sua conta. As mensagens de serviço sobre as suas encomendas e visitas continuam a chegar; não são marketing.",
    ),
    "why-did-i-get-this-offer": (
        "Porque recebi esta oferta?",
        "Como escolhemos o que lhe enviamos.",
        "As ofertas baseiam-se no que comprou e nas categorias que viu, e só se tiver aceitado receber marketing. Pode ver e alterar as suas escolhas na sua conta a qualquer momento.",
    ),
    "sign-in-with-a-code": (
        "Como inicio sessão sem palavra-passe?",
        "Um código de utilização única por e-mail.",
        "Na página de início de sessão, escolha **Enviar-me antes um código de acesso por e-mail**. Introduza o código do e-mail no prazo de 15 minutos. Só funciona uma vez.",
    ),
    "follow-your-case": (
        "Acompanhar o seu caso",
        "Cada contacto torna-se um caso que pode acompanhar em As minhas coisas.",
        "Quando nos contacta, abrimos um **caso** com uma referência como C-000123. Em **As minhas coisas** vê o estado, o que prometemos e até quando.\n\n"
        "Para acrescentar algo, abra o caso e escolha **Contacte-nos sobre isto**: não precisa de explicar tudo outra vez.",
    ),
    "opening-hours": (
        "Quando vos posso contactar?",
        "Telefone, chat e chamadas de volta, e mensagens a qualquer hora.",
        "Telefone, chat e chamadas de volta: de segunda a sexta das 08:00 às 20:00, ao sábado das 09:00 às 17:00. Pode enviar mensagens a qualquer hora; respondemos no prazo de um dia útil.",
    ),
    "energy-label": (
        "O que significa a etiqueta energética?",
        "De A a G, e o consumo anual.",
        "A etiqueta vai de A (a mais eficiente) a G. O número por baixo é o consumo anual em kWh numa utilização normal: multiplique-o pelo seu preço por kWh para estimar o custo anual.",
    ),
    "dishwasher-not-cleaning": (
        "A máquina de lavar loiça não lava bem",
        "Filtro, braços aspersores, sal e abrilhantador.",
        "1. Lave o **filtro** do fundo em água corrente uma vez por mês\n2. Verifique se os braços aspersores rodam livremente e se os orifícios não estão entupidos\n3. Reponha o sal e o abrilhantador; regule a dureza da água da sua zona\n4. Não passe a loiça por água antes, mas retire os restos de comida\n\n"
        "Continua baça ou com resíduos? Marque um técnico a partir da encomenda em **As minhas coisas**.",
    ),
}
