# ruff: noqa: E501  (prose content: long lines read better than split strings)
"""The demo articles in Spanish: {slug: (title, summary, body)}, markup as in English."""

ARTICLES: dict[str, tuple[str, str, str]] = {
    "track-your-delivery": (
        "Sigue tu entrega",
        "Sigue tu pedido desde nuestro almacén hasta tu puerta.",
        "Cada pedido recibe un código de seguimiento de nuestro transportista HomeFreight en cuanto sale del almacén.\n\n"
        "## Dónde encontrarlo\n- Abre **Mis cosas** y elige el pedido\n- El código de seguimiento y el transportista aparecen en el pedido\n- También lo recibes por correo electrónico el día del envío\n\n"
        "El día de la entrega recibes por la mañana un SMS con una franja de dos horas.",
    ),
    "late-delivery": (
        "Mi entrega se retrasa",
        "Qué pasa cuando un pedido no llega en la fecha prevista y qué puedes hacer.",
        "A veces una entrega se retrasa por falta de stock o de capacidad del transportista. Cuando ocurre, te enviamos una nueva fecha por correo electrónico.\n\n"
        "## Qué puedes hacer\n1. Consulta el código de seguimiento del pedido en **Mis cosas**\n2. Si la nueva fecha no te va bien, elige otra en la página de seguimiento del transportista\n3. Si 24 horas después del día prometido sigue sin haber fecha nueva, contacta con nosotros y reclamamos al transportista por ti\n\n"
        "Los electrodomésticos grandes los entregan dos personas; necesitamos un día de antelación para volver a programarlos.",
    ),
    "delivery-time-slots": (
        "¿A qué hora llegará mi pedido?",
        "Franjas de entrega y cómo te avisamos.",
        "Entregamos de lunes a sábado entre las 07:00 y las 21:00. La mañana de la entrega recibes por SMS una franja de dos horas, y el conductor llama 30 minutos antes de llegar.",
    ),
    "not-home-for-delivery": (
        "¿Y si no estoy en casa cuando llega la entrega?",
        "Entregas fallidas y nueva cita.",
        "Si no hay nadie en casa, el conductor deja un aviso y el pedido vuelve al almacén. Puedes elegir un nuevo día desde el enlace del SMS. Los electrodomésticos grandes no se pueden dejar a los vecinos.",
    ),
    "delivery-to-upper-floors": (
        "¿Entregáis en pisos altos?",
        "Escaleras, ascensores y puertas estrechas.",
        "Sí. Nuestro equipo de dos personas sube los electrodomésticos hasta un tercer piso sin ascensor. Por encima necesitamos un ascensor que funcione. Mide las puertas y el hueco de la escalera antes de hacer el pedido: un frigorífico combi necesita al menos 70 cm.",
    ),
    "change-delivery-address": (
        "Cambiar la dirección o la fecha de entrega",
        "Hasta que el pedido sale del almacén puedes cambiar dónde y cuándo.",
        "Puedes cambiar la dirección o el día de entrega hasta que se envíe el pedido.\n\n"
        "- Antes del envío: contacta con nosotros y lo cambiamos enseguida\n- Después del envío: elige otro día en la página de seguimiento del transportista; la dirección ya no se puede cambiar\n\n"
        "Una dirección nueva en otro país es un pedido nuevo.",
    ),
    "cancel-an-order": (
        "Cancelar un pedido",
        "Cómo cancelar antes o después del envío y cuándo recibes tu dinero.",
        "## Antes del envío\nContacta con nosotros y cancelamos el pedido sin coste. El reembolso llega a tu cuenta en un plazo de 5 días hábiles.\n\n"
        "## Después del envío\nRechaza la entrega en la puerta, o acéptala y devuelve el aparato en un plazo de 30 días. Consulta **Devolver un electrodoméstico**.",
    ),
    "arrived-damaged": (
        "Mi electrodoméstico llegó dañado",
        "Comunica los daños en 48 horas y lo sustituimos o reparamos.",
        "Lo sentimos. No uses un electrodoméstico dañado.\n\n"
        "1. Haz fotos de los daños y del embalaje\n2. Comunícalo en las 48 horas siguientes a la entrega\n3. Lo recogemos y te entregamos uno nuevo, normalmente en 5 días hábiles\n\n"
        "Las pequeñas abolladuras en el lateral de un aparato integrable también se pueden compensar con un descuento si prefieres quedártelo.",
    ),
    "wrong-item-delivered": (
        "He recibido un artículo equivocado",
        "Lo cambiamos sin coste.",
        "Compara el número de modelo de la placa de características con el pedido en **Mis cosas**. Si no coincide, guarda el embalaje y contacta con nosotros: recogemos el artículo equivocado y, siempre que podamos, entregamos el correcto en el mismo viaje.",
    ),
    "missing-parts": (
        "Falta una pieza o un accesorio",
        "Baldas, mangueras, patas y manuales.",
        "Mira primero en el tambor o en los estantes de la puerta: los accesorios suelen venir dentro. Si realmente falta una pieza, dinos el número de modelo y la pieza, y te la enviamos en 3 días hábiles.",
    ),
    "return-an-appliance": (
        "Devolver un electrodoméstico",
        "30 días para cambiar de opinión, con recogida a domicilio.",
        "Puedes devolver cualquier electrodoméstico en los 30 días siguientes a la entrega.\n\n"
        "## Cómo funciona\n1. Contacta con nosotros con el número de pedido\n2. Programamos la recogida; los electrodomésticos grandes los recogen dos personas\n3. Una vez revisado el aparato, te reembolsamos en 5 días hábiles\n\n"
        "Un aparato instalado debe desconectarse primero. Nuestros técnicos pueden hacerlo con un coste adicional.",
    ),
    "refund-timing": (
        "¿Cuándo recibiré el reembolso?",
        "El reembolso se hace por el mismo medio con el que pagaste.",
        "Reembolsamos en los 5 días hábiles siguientes a recibir la devolución. Un reembolso a tarjeta puede tardar otros 3 a 5 días en aparecer en tu extracto; iDEAL y las transferencias suelen llegar al día siguiente.",
    ),
    "return-costs": (
        "¿Devolver cuesta algo?",
        "La recogida es gratuita durante 30 días.",
        "La recogida en los primeros 30 días es gratuita. Si instalamos nosotros el aparato, desconectarlo cuesta 45 EUR. Las devoluciones de artículos dañados o equivocados siempre son gratuitas.",
    ),
    "old-appliance-recycling": (
        "¿Os lleváis mi electrodoméstico viejo?",
        "Reciclaje gratuito cuando entregamos uno nuevo.",
        "Sí. Cuando entregamos un electrodoméstico nuevo, nos llevamos gratis el viejo del mismo tipo. Debe estar desconectado, vacío y descongelado (los frigoríficos, 24 horas antes).",
    ),
    "install-washing-machine": (
        "Instalar tu lavadora",
        "Tornillos de transporte, agua, desagüe y nivelación.",
        "## Antes del primer lavado\n1. Quita los **tornillos de transporte** de la parte trasera; guárdalos para una mudanza\n2. Conecta la manguera de entrada a un grifo de agua fría y la de desagüe a una altura mínima de 60 cm\n3. Nivela la lavadora girando las patas; una lavadora que se tambalea hace ruido y se desgasta antes\n4. Pon un programa de 60° en vacío para limpiar el tambor\n\n"
        "Nuestro servicio de instalación lo hace todo por 90 EUR.",
    ),
    "fridge-first-use": (
        "Tu nuevo frigorífico combi: el primer día",
        "Déjalo reposar, enciéndelo y espera antes de llenarlo.",
        "Después del transporte, el refrigerante necesita asentarse.\n\n"
        "- Deja el frigorífico combi en posición vertical durante **4 horas** antes de encenderlo\n- Enciéndelo y espera a que llegue a 4 °C (unas 6 horas) antes de llenarlo\n- Deja 5 cm de espacio detrás y por encima para que circule el aire\n\n"
        "Un zumbido suave o algún chasquido los primeros días es normal.",
    ),
    "dishwasher-installation": (
        "Instalar un lavavajillas",
        "Integrable o de libre instalación, agua y electricidad.",
        "Un lavavajillas necesita un grifo de agua fría con conexión de 3/4 de pulgada, un desagüe y un enchufe con toma de tierra a menos de 1,5 m.\n\n"
        "## Modelos integrables\nEl panel de la puerta de tu cocina se fija a la puerta del lavavajillas con la plantilla que viene en la caja. Nuestros instaladores montan lavavajillas integrables por 120 EUR.",
    ),
    "installation-service": (
        "¿Podéis instalar mi electrodoméstico?",
        "Instalación el mismo día de la entrega.",
        "Sí. Añade la instalación al hacer el pedido o contacta con nosotros antes del envío. El equipo conecta, nivela y prueba el aparato el día de la entrega y se lleva el embalaje.",
    ),
    "oven-hob-connection": (
        "¿Puedo conectar yo mismo una placa de inducción?",
        "Por qué hace falta un instalador autorizado.",
        "Una placa de inducción suele necesitar una conexión bifásica propia. Por tu seguridad y por la garantía, debe conectarla un instalador autorizado. Nuestros técnicos lo hacen por 95 EUR.",
    ),
    "engineer-visit-what-to-expect": (
        "La visita del técnico: qué esperar",
        "Franjas horarias, preparación y lo que trae el técnico.",
        "Las visitas se programan en una **franja de 4 horas**. La tarde anterior recibes un SMS con el nombre del técnico, que te llama cuando va de camino.\n\n"
        "## Prepara\n- Despeja el espacio alrededor del aparato\n- Ten a mano el número de modelo y el justificante de compra\n- Si es una lavadora, vacía el tambor y el filtro\n\n"
        "La mayoría de las reparaciones se hacen en una visita; cuando hay que pedir una pieza, fijamos la siguiente visita antes de que el técnico se vaya.",
    ),
    "reschedule-engineer-visit": (
        "Cambiar o cancelar la visita del técnico",
        "Gratis hasta las 18:00 del día anterior.",
        "Puedes cambiar o cancelar una visita sin coste hasta las 18:00 del día anterior. Contacta con nosotros con la referencia de la visita (empieza por VIS-). Los cambios posteriores son posibles, pero puede que el técnico ya tenga la ruta planificada.",
    ),
    "engineer-running-late": (
        "El técnico aún no ha llegado",
        "Qué hacer cuando ha pasado la franja horaria.",
        "Los técnicos llaman cuando van de camino. Si ha pasado tu franja de 4 horas sin llamada, contacta con nosotros: vemos dónde está el técnico y te damos una nueva hora al momento.",
    ),
    "washing-machine-not-draining": (
        "La lavadora no desagua",
        "Tres comprobaciones que resuelven la mayoría de los casos antes de que venga un técnico.",
        "Antes de la visita, prueba esto:\n\n"
        "1. Limpia el **filtro de desagüe** detrás de la pequeña tapa de abajo, en la parte delantera (pon antes una toalla)\n2. Comprueba que la manguera de desagüe no está doblada ni metida demasiado en el tubo\n3. Pon un programa de *aclarado y centrifugado*\n\n"
        "Si el agua sigue en el tambor, mantén la visita del técnico: probablemente haya que cambiar la bomba.",
    ),
    "book-a-repair": (
        "¿Cómo pido una reparación?",
        "Con garantía o CarePlus, las reparaciones son gratuitas.",
        "Contacta con nosotros desde el pedido en **Mis cosas** y elige el problema. Con garantía o con CarePlus, la visita y las piezas son gratuitas; si no, el desplazamiento cuesta 69 EUR más las piezas.",
    ),
    "warranty-explained": (
        "Tu garantía, explicada",
        "Dos años en todos los electrodomésticos, cinco en el motor de algunos modelos.",
        "Todos los electrodomésticos tienen una **garantía de 2 años** desde la fecha de entrega, que cubre piezas, mano de obra y la visita del técnico.\n\n"
        "## No cubre\n- Daños por mal uso, cal o una instalación incorrecta hecha por otros\n- Consumibles como filtros y bombillas\n\n"
        "Algunas lavadoras tienen 5 años de garantía en el motor. Tu pedido en **Mis cosas** sirve como justificante de compra.",
    ),
    "proof-of-purchase": (
        "¿Dónde está mi justificante de compra?",
        "Tu factura siempre está en Mis cosas.",
        "Abre el pedido en **Mis cosas** y descarga la factura. Sirve como justificante de compra para reclamaciones de garantía, también con otros servicios técnicos.",
    ),
    "careplus-cover": (
        "Cobertura CarePlus para electrodomésticos",
        "Reparaciones, piezas y sustitución cuando no se puede reparar.",
        "CarePlus amplía la cobertura de tus electrodomésticos más allá de la garantía por una cuota mensual.\n\n"
        "- Reparaciones, piezas y mano de obra ilimitadas\n- Un técnico en 3 días hábiles\n- Un aparato del mismo valor si el tuyo no se puede reparar\n\n"
        "Puedes dejar CarePlus cualquier mes; no hay permanencia después de los primeros 12 meses.",
    ),
    "warranty-after-move": (
        "¿Sigue siendo válida mi garantía después de una mudanza?",
        "Sí, si el aparato se trasladó con cuidado.",
        "Sí. Vuelve a poner los tornillos de transporte de la lavadora y deja reposar el frigorífico 4 horas después de la mudanza. Los daños causados por la propia mudanza no están cubiertos.",
    ),
    "payment-methods": (
        "¿Qué formas de pago puedo usar?",
        "iDEAL, tarjetas, transferencia y pago a plazos.",
        "Puedes pagar con iDEAL, Visa, Mastercard, American Express, por transferencia o en 3 plazos sin intereses. Los clientes de empresa pueden pagar con factura a 14 días.",
    ),
    "charged-twice": (
        "Me habéis cobrado dos veces",
        "Retenciones, pagos duplicados y cómo lo solucionamos.",
        "Un pago con tarjeta que falló puede seguir apareciendo como **retención** hasta 7 días; desaparece sola.\n\n"
        "Si de verdad se cobraron dos pagos:\n1. Comprueba los dos importes en tu extracto\n2. Contacta con nosotros con el número de pedido\n3. Te devolvemos el pago duplicado en 2 días hábiles",
    ),
    "invoice-vat": (
        "¿Puedo recibir una factura con IVA para mi empresa?",
        "Cambia los datos de facturación antes o después de pagar.",
        "Sí. Añade el nombre de tu empresa y tu número de IVA al finalizar la compra. Si se te olvidó, contacta con nosotros en un plazo de 30 días y emitimos una factura corregida.",
    ),
    "pay-in-instalments": (
        "Pagar a plazos",
        "Reparte el coste en 3 meses sin intereses.",
        "En pedidos de más de 300 EUR puedes pagar en 3 plazos mensuales sin intereses ni comisiones. El primer plazo se cobra cuando se envía el pedido. Un plazo impagado se vuelve a intentar a los 5 días; antes te avisamos por correo electrónico.",
    ),
    "manage-careplus-subscription": (
        "Cambiar o dar de baja tu suscripción CarePlus",
        "Añadir electrodomésticos, cambiar el día de pago o darse de baja.",
        "Tu suscripción está en **Mis cosas**. Desde allí puedes:\n\n"
        "- añadir o quitar electrodomésticos cubiertos\n- cambiar el día del pago mensual\n- dar de baja la suscripción al final del mes en curso\n\n"
        "Darse de baja durante los primeros 12 meses cuesta los meses que quedan de ese año.",
    ),
    "subscription-renewal": (
        "¿Mi suscripción se renueva automáticamente?",
        "Sí, y te avisamos un mes antes.",
        "Sí. Un mes antes de la fecha de renovación te enviamos por correo electrónico el nuevo precio, si cambia. Puedes darte de baja en cualquier momento antes de la renovación sin coste.",
    ),
    "subscription-price-change": (
        "¿Por qué ha cambiado el precio de mi suscripción?",
        "El precio depende del número de electrodomésticos cubiertos.",
        "El precio mensual depende de cuántos electrodomésticos están cubiertos y de su antigüedad. Añadir un aparato o la revisión anual de precios lo cambia; siempre te avisamos con un mes de antelación.",
    ),
    "understanding-your-quote": (
        "Entender tu presupuesto",
        "Qué incluye, cuánto tiempo es válido y cómo aceptarlo.",
        "Un presupuesto detalla los electrodomésticos, la entrega, la instalación y la retirada de los aparatos viejos, con el precio total con IVA.\n\n"
        "## Válido durante 14 días\nLos precios se mantienen hasta la fecha del presupuesto. Acéptalo desde **Mis cosas**; entonces reservamos el stock y planificamos la entrega.\n\n"
        "¿Quieres cambiar algo? Pídelo antes de aceptar y te enviamos una nueva versión.",
    ),
    "quote-expiring": (
        "Mi presupuesto está a punto de caducar",
        "Ampliar un presupuesto.",
        "Podemos ampliar un presupuesto una vez por 14 días siempre que haya stock de los aparatos. Pídelo antes de la fecha de caducidad; después, hacemos un presupuesto nuevo a los precios actuales.",
    ),
    "kitchen-bundle-discount": (
        "¿Hay descuento por un pack de cocina?",
        "Tres o más electrodomésticos en un mismo presupuesto.",
        "Sí. Un presupuesto con tres o más electrodomésticos integrables tiene un 10 % de descuento en los aparatos y la instalación gratuita. El descuento ya está incluido en el total del presupuesto.",
    ),
    "stop-marketing-emails": (
        "Dejar de recibir correos y SMS publicitarios",
        "Elige qué quieres recibir de nosotros.",
        "Cada correo publicitario tiene un enlace para **darse de baja** al final. También puedes elegir por canal (correo electrónico, SMS, correo postal) en tu cuenta. Los mensajes de servicio sobre tus pedidos y visitas seguirán llegando; no son publicidad.",
    ),
    "why-did-i-get-this-offer": (
        "¿Por qué he recibido esta oferta?",
        "Cómo elegimos lo que te enviamos.",
        "Las ofertas se basan en lo que compraste y en las categorías que viste, solo si aceptaste recibir publicidad. Puedes ver y cambiar tus preferencias en tu cuenta en cualquier momento.",
    ),
    "sign-in-with-a-code": (
        "¿Cómo inicio sesión sin contraseña?",
        "Un código de un solo uso por correo electrónico.",
        "En la página de inicio de sesión, elige **Enviarme por correo electrónico un código de acceso**. Introduce el código del correo en un plazo de 15 minutos. Solo funciona una vez.",
    ),
    "follow-your-case": (
        "Sigue tu caso",
        "Cada contacto se convierte en un caso que puedes seguir en Mis cosas.",
        "Cuando contactas con nosotros abrimos un **caso** con una referencia como C-000123. En **Mis cosas** ves su estado, lo que te prometimos y para cuándo.\n\n"
        "Para añadir algo, abre el caso y elige **Contacta con nosotros sobre esto**: no hace falta que vuelvas a explicarlo.",
    ),
    "opening-hours": (
        "¿Cuándo puedo contactar con vosotros?",
        "Teléfono, chat y llamadas de vuelta, y mensajes a cualquier hora.",
        "Teléfono, chat y llamadas de vuelta: de lunes a viernes de 08:00 a 20:00 y los sábados de 09:00 a 17:00. Puedes enviar mensajes a cualquier hora; respondemos en un día hábil.",
    ),
    "energy-label": (
        "¿Qué significa la etiqueta energética?",
        "De la A a la G, y el consumo anual.",
        "La etiqueta va de la A (la más eficiente) a la G. El número de debajo es el consumo anual en kWh con un uso normal: multiplícalo por tu precio del kWh para calcular el coste anual.",
    ),
    "dishwasher-not-cleaning": (
        "El lavavajillas no limpia bien",
        "Filtro, brazos aspersores, sal y abrillantador.",
        "1. Limpia el **filtro** del fondo bajo el grifo una vez al mes\n2. Comprueba que los brazos aspersores giran libremente y que sus orificios no están obstruidos\n3. Rellena la sal y el abrillantador; ajusta la dureza del agua de tu zona\n4. No aclares antes, pero retira los restos de comida\n\n"
        "¿Sigue quedando gris o con arenilla? Pide un técnico desde el pedido en **Mis cosas**.",
    ),
}
