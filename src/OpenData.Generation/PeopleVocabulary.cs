namespace OpenData.Generation;

/// <summary>Names and attributes for senators and ministers (synthetic; accents, hyphens and apostrophes on purpose).</summary>
internal static class PeopleVocabulary
{
    public static readonly string[] MaleFirstNames =
    [
        "Hervé", "François", "Jean", "Éric", "Pierre", "Thierry", "Patrick", "Jérôme", "Loïc", "Noël",
        "Benoît", "Stéphane", "Frédéric", "Sébastien", "André", "René", "Joël", "Jean-Marc", "Jean-Pierre",
        "Michel", "Philippe", "Olivier", "Bruno", "Gérard", "Laurent", "Rémi", "Cédric", "Mathieu",
        "Guillaume", "Yannick", "Gaëtan", "Anaël", "Hugues", "Étienne", "Raphaël", "Jean-François",
        "Marc", "Daniel", "Alain", "Bernard", "Christophe", "Dominique", "Claude", "Denis", "Fabien",
    ];

    public static readonly string[] FemaleFirstNames =
    [
        "Cécile", "Agnès", "Anne", "Françoise", "Hélène", "Marie", "Sophie", "Nathalie", "Valérie",
        "Gaëlle", "Zoé", "Anaïs", "Maëlle", "Océane", "Clémence", "Mélanie", "Irène", "Bérénice",
        "Élisabeth", "Véronique", "Sylvie", "Christine", "Isabelle", "Catherine", "Brigitte", "Laurence",
        "Émilie", "Pascale", "Dominique", "Claude", "Marie-Pierre", "Anne-Sophie", "Noëlle", "Régine",
        "Frédérique", "Geneviève", "Joëlle", "Josiane", "Éliane", "Mireille", "Florence", "Annick",
    ];

    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
        "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
        "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
        "Masson", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
        "Roche", "Noël", "Meyer", "Lucas", "Meunier", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier",
        "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Renard", "Arnaud", "Rolland", "Caron",
        "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix",
        "Fabre", "Dupuis", "Olivier", "Da Silva", "Hubert", "Rivière", "Le Gall", "Guillaume", "Moulin", "Berger",
        "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier", "Maillard", "Marchal", "Aubry", "Vasseur",
        "Le Roux", "Renault", "Jacquet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy",
        "Carré", "Breton", "Rémy", "Besson", "Lebrun", "Le Bihan", "N'Diaye", "Diallo", "Cœurdevey", "Bézier",
        "Dupont-Moretti", "Saint-André", "de La Tour", "d'Harcourt", "Le Goff", "Kervella", "Étchegaray", "Höfler",
    ];

    /// <summary>Constituencies with the number written in <c>cirnum</c>.</summary>
    public static readonly (string Name, int Number)[] Constituencies =
    [
        ("Eure", 27), ("Pyrénées-Atlantiques", 64), ("Ille-et-Vilaine", 35), ("Seine-Saint-Denis", 93),
        ("Français établis hors de France", 99), ("Guadeloupe", 971), ("Paris", 75), ("Aisne", 2),
        ("Hérault", 34), ("Isère", 38), ("Ardèche", 7), ("Nièvre", 58), ("Corrèze", 19), ("Lozère", 48),
        ("Bouches-du-Rhône", 13), ("Finistère", 29), ("Côte-d'Or", 21), ("Côtes-d'Armor", 22),
        ("Haute-Garonne", 31), ("Rhône", 69), ("Vendée", 85), ("Puy-de-Dôme", 63), ("Deux-Sèvres", 79),
        ("Val-d'Oise", 95), ("La Réunion", 974), ("Nord", 59), ("Marne", 51), ("Saône-et-Loire", 71),
    ];

    public static readonly string[] Committees =
    [
        "commission des finances", "commission des lois", "commission de la culture",
        "commission des affaires économiques", "commission des affaires sociales",
        "commission des affaires étrangères, de la défense et des forces armées",
        "commission de l'aménagement du territoire et du développement durable",
    ];

    public static readonly string[] BureauFunctions =
    [
        "Vice-président du Sénat", "Questeur du Sénat", "Secrétaire du Sénat",
    ];

    /// <summary>PCS_INSEE, Categorie_professionnelle, Description_de_la_profession.</summary>
    public static readonly (string Pcs, string Category, string Description)[] Professions =
    [
        ("Cadres d'entreprise", "Cadres supérieurs (secteur privé)", "Cadre supérieur"),
        ("Professions libérales", "Professions libérales", "Avocat"),
        ("Professions libérales", "Médecins", "Médecin généraliste"),
        ("Professeurs, professions scientifiques", "Enseignants", "Professeur agrégé"),
        ("Agriculteurs sur moyenne exploitation", "Agriculteurs-propriétaires exploitants", "Exploitant agricole"),
        ("Cadres de la fonction publique", "Fonctionnaires de catégorie A", "Administrateur territorial"),
        ("Professions de l'information, des arts et des spectacles", "Journalistes", "Journaliste"),
        ("Chefs d'entreprise de 10 salariés ou plus", "Industriels-Chefs d'entreprise", "Chef d'entreprise"),
        ("Retraités", "Retraités", "Retraité de l'enseignement"),
        ("Professions intermédiaires de la santé et du travail social", "Professions de santé", "Infirmier"),
        ("Employés administratifs d'entreprise", "Employés (autres)", "Employé de banque"),
    ];

    /// <summary>Upper case without accents, as in <c>nomtechnique</c>.</summary>
    public static string Technical(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 2);
        foreach (var c in text.ToUpperInvariant())
        {
            builder.Append(c switch
            {
                'À' or 'Â' or 'Ä' => "A",
                'Ç' => "C",
                'É' or 'È' or 'Ê' or 'Ë' => "E",
                'Î' or 'Ï' => "I",
                'Ô' or 'Ö' => "O",
                'Ù' or 'Û' or 'Ü' => "U",
                'Ÿ' => "Y",
                'Œ' => "OE",
                'Æ' => "AE",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>The local part of a senat.fr address: lower case, no accents, spaces or apostrophes.</summary>
    public static string EmailPart(string text)
    {
        var technical = Technical(text).ToLowerInvariant();
        var builder = new System.Text.StringBuilder(technical.Length);
        foreach (var c in technical)
        {
            if (c is (>= 'a' and <= 'z') or '-')
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
